# A task created and never awaited is cancelled when the program ends, unfinished: what
# structured concurrency (task groups) prevents.

import asyncio

async def orphan():
    try:
        await asyncio.sleep(5)
        print("orphan finished")
    except asyncio.CancelledError:
        print("orphan cancelled, unfinished")
        raise

async def main():
    asyncio.create_task(orphan())   # nobody keeps or awaits it
    await asyncio.sleep(0.5)
    print("main returns")

asyncio.run(main())
