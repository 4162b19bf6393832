# A TaskGroup waits for all its tasks: the group ends with the longest one, after about three
# seconds.

import asyncio, time

async def wait_for_it(seconds):
    await asyncio.sleep(seconds)
    print(f"{seconds} s task done")

async def main():
    start = time.perf_counter()
    async with asyncio.TaskGroup() as group:
        group.create_task(wait_for_it(2))
        group.create_task(wait_for_it(3))
    print(f"took {time.perf_counter() - start:.3f} s")

asyncio.run(main())
