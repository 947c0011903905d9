// The one guard every request runs in: an exception returns the request's empty result and is logged;
// a cancelled request answers RequestCancelled. The server keeps running either way.

import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';

export type Logger = (message: string) => void;

export function runSafe<T>(log: Logger, name: string, fallback: T, token: CancellationToken | undefined, work: () => T): T | ResponseError<void> {
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = work();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (e) {
    log(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    return fallback;
  }
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}
