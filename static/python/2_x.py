# A coroutine calling time.sleep holds the thread: two of them take two seconds, and the
# timeline shows them running one after the other.

import asyncio, time

async def stubborn(label):
    time.sleep(1)          # blocks the whole thread: nothing else can run
    print(f"{label} done")

async def main():
    start = time.perf_counter()
    await asyncio.gather(stubborn("one"), stubborn("two"))
    print(f"took {time.perf_counter() - start:.3f} s")

asyncio.run(main())
