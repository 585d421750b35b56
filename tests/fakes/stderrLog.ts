import { Writable } from "node:stream";

/** Log lines of a child service go to its stderr, where the parent test keeps them for failure messages. */
export function createLogCaptureToStderr() {
  return new Writable({
    write(chunk, _encoding, done) {
      process.stderr.write(chunk);
      done();
    },
  });
}
