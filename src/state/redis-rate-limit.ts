/**
 * The sliding window in Redis, so several instances count one user's messages
 * together: a sorted set of accept times per user, trimmed, counted and added
 * to in one Lua script (atomic across instances), expiring with its window.
 */
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { RateLimitStore } from "./rate-limit-store.ts";

const SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  return 0
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export function redisRateLimitStore(redis: Redis, prefix = "qa:rate:"): RateLimitStore {
  return {
    async hit(key, now, windowMs, limit) {
      const member = `${now}-${randomBytes(4).toString("hex")}`;
      const wait = await redis.eval(SCRIPT, 1, prefix + key, now, windowMs, limit, member);
      return Number(wait);
    },
  };
}
