# Each task reads a shared counter, sleeps, then writes back what it read plus one: every task
# read 0, so the counter ends at 1.

import asyncio

counter = 0

async def bump():
    global counter
    seen = counter              # read
    await asyncio.sleep(0.01)   # every other task reads meanwhile
    counter = seen + 1          # write back a stale value

async def main():
    await asyncio.gather(*(bump() for _ in range(1000)))
    print(f"counter = {counter}")

asyncio.run(main())
