# One task raises after 0.1 s while another runs for a second; the failure is kept in the task
# until someone asks.

import asyncio

async def breaks():
    await asyncio.sleep(0.1)
    raise ValueError("something went wrong")

async def steady():
    await asyncio.sleep(1)
    return "fine"

async def main():
    bad = asyncio.create_task(breaks())
    good = asyncio.create_task(steady())
    try:
        bad.exception()          # asked too early
    except asyncio.InvalidStateError:
        print("not done yet: InvalidStateError")
    print(await good)
    print(f"exception: {bad.exception()!r}")

asyncio.run(main())
