// Follows a job through GET /generations/{id}/events (Server-Sent Events). EventSource cannot send a bearer
// token, so the stream is read with fetch and parsed by eventsource-parser; a dropped connection is resumed
// with Last-Event-ID, so no event is missed or repeated.
import { createParser } from 'eventsource-parser';
import { ApiError, call } from './api';
import { FINISHED, type JobEvent } from './model';

export function followJob(id: string, onEvent: (event: JobEvent) => void, onError: (error: unknown) => void):
  () => void {
  const abort = new AbortController();
  let lastEventId: string | undefined;
  let done = false;

  const run = async () => {
    let failures = 0;
    while (!done && !abort.signal.aborted) {
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (lastEventId) {
          headers['Last-Event-ID'] = lastEventId;
        }
        const response = await call(`/api/v1/generations/${encodeURIComponent(id)}/events`,
          { headers, signal: abort.signal });
        const parser = createParser({
          onEvent: (message) => {
            if (message.id) {
              lastEventId = message.id;
            }
            const event = JSON.parse(message.data) as JobEvent;
            failures = 0;
            onEvent(event);
            if (FINISHED.includes(event.status)) {
              // The server ends the stream after this event; aborting instead would drop the connection mid-way.
              done = true;
            }
          },
        });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done: ended } = await reader.read();
          if (ended) {
            break;
          }
          parser.feed(value);
        }
      } catch (error) {
        if (done || abort.signal.aborted) {
          return;
        }
        if (error instanceof ApiError && error.status < 500) {
          onError(error);
          return;
        }
        failures++;
        if (failures > 5) {
          onError(error);
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * 2 ** failures)));
    }
  };
  void run();
  return () => {
    done = true;
    abort.abort();
  };
}
