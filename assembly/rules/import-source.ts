// Finding what an import names: the handle, fd or name, and behind it the payload and where it came from.
import { OsHandle, Payload, OS_FD } from '../state/objects';
import { findWin32Handle, findAnyWin32Handle, findFd, names, processKey, closedHandles, handleOwner, takenFds, closedFds } from '../state/world';
import { isKmtHandle } from '../catalogue/handle-types';

export const SRC_UNSEEN: i32 = 0; // the input never made it: cannot decide what it is
export const SRC_FOUND: i32 = 1;
export const SRC_WRONG_TYPE: i32 = 2; // it exists, but carries another handle type
export const SRC_INVALID: i32 = 3; // it cannot be a handle at all (negative fd)
// The input shows it is no longer (or never was) usable here; `since` says from which call.
export const SRC_CLOSED: i32 = 4; // closed in this process (CloseHandle, close)
export const SRC_OTHER_PROCESS: i32 = 5; // an NT handle value that lives in another process's table
export const SRC_PAYLOAD_DEAD: i32 = 6; // a KMT handle whose memory was freed (KMT handles hold no reference)
export const SRC_TAKEN: i32 = 7; // an fd a successful import handed to the driver

export class ImportSource {
  state: i32 = SRC_UNSEEN;
  handle: OsHandle | null = null;
  /** The handle type it really carries, when state is SRC_WRONG_TYPE. */
  actualType: i64 = 0;
  /** SRC_CLOSED / SRC_PAYLOAD_DEAD / SRC_TAKEN: the call that ended it; SRC_OTHER_PROCESS: the owning process. */
  since: i64 = -1;
  /** Gone for a reason the input shows: the import names a handle that cannot work. */
  gone(): bool { return this.state >= SRC_CLOSED; }
  payload(): Payload | null { const h = this.handle; return h == null ? null : h.payload; }
}

/** A Win32 handle value (interned) of the given KHR type, in the calling process or the global KMT table. */
export function win32Source(process: i32, value: i32, handleType: i64): ImportSource {
  const s = new ImportSource();
  // INVALID_HANDLE_VALUE (and any other negative value) is never a handle (the encoder maps it to -1).
  if (value < 0) { s.state = SRC_INVALID; return s; }
  const h = findWin32Handle(process, value, isKmtHandle(handleType));
  if (h != null) {
    s.handle = h;
    s.state = h.handleType == handleType ? SRC_FOUND : SRC_WRONG_TYPE;
    s.actualType = h.handleType;
    if (s.state == SRC_FOUND && !h.payload.alive()) { s.state = SRC_PAYLOAD_DEAD; s.since = h.payload.diedAt; }
    return s;
  }
  const other = findAnyWin32Handle(process, value);
  if (other != null) { s.handle = other; s.state = SRC_WRONG_TYPE; s.actualType = other.handleType; return s; }
  return goneWin32(s, process, value);
}

/** An NT handle value this process no longer (or never) holds, when the input shows why. */
function goneWin32(s: ImportSource, process: i32, value: i32): ImportSource {
  const k = processKey(process, value);
  if (closedHandles.has(k)) { s.state = SRC_CLOSED; s.since = closedHandles.get(k); }
  else if (handleOwner.has(value) && handleOwner.get(value) != process) { s.state = SRC_OTHER_PROCESS; s.since = handleOwner.get(value); }
  return s;
}

export function nameSource(name: i32, handleType: i64): ImportSource {
  const s = new ImportSource();
  if (!names.has(name)) return s;
  const h = names.get(name);
  s.handle = h;
  s.state = h.handleType == handleType ? SRC_FOUND : SRC_WRONG_TYPE;
  s.actualType = h.handleType;
  return s;
}

export function fdSource(process: i32, fd: i64, handleType: i64): ImportSource {
  const s = new ImportSource();
  if (fd < 0) { s.state = SRC_INVALID; return s; }
  const h = findFd(process, fd);
  if (h == null || h.kind != OS_FD) {
    const k = processKey(process, fd);
    if (takenFds.has(k)) { s.state = SRC_TAKEN; s.since = takenFds.get(k); }
    else if (closedFds.has(k)) { s.state = SRC_CLOSED; s.since = closedFds.get(k); }
    return s;
  }
  s.handle = h;
  s.state = h.handleType == handleType ? SRC_FOUND : SRC_WRONG_TYPE;
  s.actualType = h.handleType;
  return s;
}
