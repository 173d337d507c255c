// The load generator's HTTP client. It shares the machine's two cores with the API and the
// database it measures, so what it spends per request is taken from them: fetch() cost 1.85 ms of
// CPU per intake here, node:http over kept-alive connections 0.55 ms (intake alone went from 150
// to 193 cases/s), as load generators such as wrk keep their own cost small.
import http from 'node:http';

export interface HttpAnswer {
  status: number;
  text: string;
}

export interface HttpClient {
  request(method: 'GET' | 'POST', path: string, opts?: { headers?: Record<string, string>; body?: string }): Promise<HttpAnswer>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/** A client for one base URL, with up to `connections` connections kept alive between requests. */
export function httpClient(baseUrl: string, connections: number): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  return {
    request(method, path, opts = {}) {
      const headers: Record<string, string | number> = { ...opts.headers };
      if (opts.body !== undefined) headers['content-length'] = Buffer.byteLength(opts.body);
      return new Promise((resolve, reject) => {
        const req = http.request({ agent, hostname, port, path, method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(opts.body);
      });
    },
    close: () => agent.destroy(),
  };
}
