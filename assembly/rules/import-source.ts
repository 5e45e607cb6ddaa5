// Finding what an import names: the handle, fd or name, and behind it the payload and where it came from.
import { OsHandle, Payload, OS_FD } from '../state/objects';
import { findWin32Handle, findAnyWin32Handle, findFd, names } from '../state/world';
import { isKmtHandle } from '../catalogue/handle-types';

export const SRC_UNSEEN: i32 = 0; // the input never made it: cannot decide what it is
export const SRC_FOUND: i32 = 1;
export const SRC_WRONG_TYPE: i32 = 2; // it exists, but carries another handle type
export const SRC_INVALID: i32 = 3; // it cannot be a handle at all (negative fd)

export class ImportSource {
  state: i32 = SRC_UNSEEN;
  handle: OsHandle | null = null;
  /** The handle type it really carries, when state is SRC_WRONG_TYPE. */
  actualType: i64 = 0;
  payload(): Payload | null { const h = this.handle; return h == null ? null : h.payload; }
}

/** A Win32 handle value (interned) of the given KHR type, in the calling process or the global KMT table. */
export function win32Source(process: i32, value: i32, handleType: i64): ImportSource {
  const s = new ImportSource();
  const h = findWin32Handle(process, value, isKmtHandle(handleType));
  if (h != null) {
    s.handle = h;
    s.state = h.handleType == handleType ? SRC_FOUND : SRC_WRONG_TYPE;
    s.actualType = h.handleType;
    return s;
  }
  const other = findAnyWin32Handle(process, value);
  if (other != null) { s.handle = other; s.state = SRC_WRONG_TYPE; s.actualType = other.handleType; }
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
  if (h == null || h.kind != OS_FD) return s;
  s.handle = h;
  s.state = h.handleType == handleType ? SRC_FOUND : SRC_WRONG_TYPE;
  s.actualType = h.handleType;
  return s;
}
