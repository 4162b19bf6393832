# Two tasks created with create_task sleep at the same time, so both finish after about one
# second, not two.

import asyncio, time

async def nap(label):
    await asyncio.sleep(1)
    print(f"{label} woke up")

async def main():
    start = time.perf_counter()
    first = asyncio.create_task(nap("first"))
    second = asyncio.create_task(nap("second"))
    await first
    await second
    print(f"took {time.perf_counter() - start:.3f} s")

asyncio.run(main())
