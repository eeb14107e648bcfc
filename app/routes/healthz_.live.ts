/** Liveness: the process answers HTTP (the same as `/healthz`, under the name probes expect). */
export function loader() {
  return new Response("ok\n", { headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
