/**
 * The floor for `npm run bench:load`: a bare node:http server that reads and parses the same JSON
 * body as the web chat endpoint and answers a fixed reply of the same shape. Nothing is faster
 * on this machine with this HTTP stack; the app's figures are read against it.
 */
import http from 'node:http';

const port = Number(process.argv[2] ?? 0);
const reply = JSON.stringify({
  replies: [{ kind: 'answer', text: 'ok', locale: 'en', choices: [], confidence: 1 }],
  cursor: 1,
});

const server = http.createServer((request, response) => {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(reply),
      });
      response.end(reply);
    } catch {
      response.writeHead(400);
      response.end();
    }
  });
});
server.keepAliveTimeout = 5000;
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
