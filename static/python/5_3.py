# A long task is cancelled after 10 ms; it sees CancelledError where it awaited.

import asyncio

async def long_job():
    try:
        await asyncio.sleep(10)
        return "finished"
    except asyncio.CancelledError:
        print("long_job was cancelled")
        raise

async def main():
    task = asyncio.create_task(long_job())
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("result: CancelledError caught")

asyncio.run(main())
