/**
 * A loopback SMTP sink for the send benchmark, in its own process (so it does not share the
 * sender's CPU core): accepts every message, counts them, prints its port.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  size: 50 * 1024 * 1024,
  maxClients: 1000,
  // A reverse DNS lookup for every connection says nothing about sending speed on loopback.
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.server.address() as AddressInfo).port })}\n`);
});
process.on('message', () => process.send?.({ received }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
