// Keys under which capability answers are remembered, so a later create can find the query that covers it.
@inline function mix(h: i64, v: i64): i64 { return (h ^ v) * 0x100000001b3 + 0x7f4a7c15; }

export function bufferKey(handleType: i64, usage: i64, flags: i64): i64 {
  return mix(mix(mix(0x62, handleType), usage), flags);
}
export function imageKey(handleType: i64, format: i64, type: i64, tiling: i64, usage: i64, flags: i64): i64 {
  return mix(mix(mix(mix(mix(mix(0x69, handleType), format), type), tiling), usage), flags);
}
