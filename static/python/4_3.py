# Four one-second tasks, at most two at a time: two rounds, about two seconds.

import asyncio, time

gate = asyncio.Semaphore(2)

async def job(n):
    async with gate:           # at most two inside
        print(f"job {n} in")
        await asyncio.sleep(1)

async def main():
    start = time.perf_counter()
    await asyncio.gather(*(job(n) for n in range(4)))
    print(f"took {time.perf_counter() - start:.3f} s")

asyncio.run(main())
