/**
 * Liveness: the process answers HTTP. It touches nothing, so it is also the floor for the HTTP
 * benchmarks; `/healthz/ready` says whether the database answers too.
 */
export function loader() {
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
