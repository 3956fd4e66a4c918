"""Fixed-window counters in the cache (per reader address, per article, per API key), so a flood
is refused early."""
import time

from django.core.cache import cache


def hit(key: str, limit: int, window: int) -> bool:
    """Count one hit on `key`; False when the window already holds `limit` hits."""
    bucket = f"rl:{key}:{int(time.time() // window)}"
    cache.add(bucket, 0, timeout=window + 1)
    try:
        count = cache.incr(bucket)
    except ValueError:  # evicted between add and incr
        cache.set(bucket, 1, timeout=window + 1)
        count = 1
    return count <= limit
