// The subset of autocannon's API the HTTP benchmark uses (the package ships no types).
declare module "autocannon" {
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  function autocannon(options: {
    url: string;
    connections: number;
    duration: number;
    headers?: Record<string, string>;
    /** Each request may rewrite itself just before it is sent (one entry per step of a sequence). */
    requests?: Array<{ setupRequest?: (request: { path: string }) => { path: string } }>;
  }): Promise<Result>;
  export default autocannon;
}
