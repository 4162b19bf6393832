# Holding a Lock from the read to the write makes the tasks take turns: no update is lost.

import asyncio

counter = 0
lock = asyncio.Lock()

async def bump():
    global counter
    async with lock:            # one task at a time from read to write
        seen = counter
        await asyncio.sleep(0.001)
        counter = seen + 1

async def main():
    await asyncio.gather(*(bump() for _ in range(200)))
    print(f"counter = {counter}")

asyncio.run(main())
