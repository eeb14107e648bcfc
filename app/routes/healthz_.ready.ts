import { checkDatabase } from "~/db.server";

/**
 * Readiness: the database answers a trivial query within a second. A load balancer stops
 * sending traffic while this fails, and resumes when it passes again.
 */
export async function loader() {
  const problem = await checkDatabase(1000);
  return new Response(problem ? `not ready: ${problem}\n` : "ready\n", {
    status: problem ? 503 : 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
