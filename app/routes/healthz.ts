/** A route that touches nothing: the floor for HTTP benchmarks and a liveness probe. */
export function loader() {
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
