# After Queue.shutdown, put raises QueueShutDown (Python 3.13+).

import asyncio

async def main():
    q = asyncio.Queue()
    await q.put("before")
    q.shutdown()
    try:
        await q.put("after")
        print("result: put worked")
    except asyncio.QueueShutDown:
        print("result: QueueShutDown raised")

asyncio.run(main())
