# 100 tasks each yield to the loop 100 times (await asyncio.sleep(0)): the time per step is
# the loop's own overhead, here with the page's tracer on.

import asyncio, time

async def yielder():
    for _ in range(100):
        await asyncio.sleep(0)      # hand the thread back to the loop

async def main():
    start = time.perf_counter()
    await asyncio.gather(*(yielder() for _ in range(100)))
    took = time.perf_counter() - start
    print(f"{took / 10_000 * 1e6:.1f} µs per step")
    print(f"took {took:.3f} s")

asyncio.run(main())
