# A producer puts five numbers one second apart; the consumer never returns, so the program
# ends by cancelling it.

import asyncio

events = []

async def producer(q):
    for n in range(5):
        await q.put(n)
        await asyncio.sleep(1)

async def consumer(q):
    while True:
        n = await q.get()
        events.append(f"got {n}")
        print(f"got {n}")

async def main():
    q = asyncio.Queue()
    asyncio.create_task(consumer(q))
    await producer(q)
    events.append("Done!")
    print("Done!")
    print("order: " + ", ".join(events))

asyncio.run(main())
