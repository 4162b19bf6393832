# A waiter blocks on an Event until another task sets it one second later.

import asyncio, time

async def waiter(signal, start):
    await signal.wait()
    print(f"woke after {time.perf_counter() - start:.3f} s")

async def setter(signal):
    await asyncio.sleep(1)
    signal.set()

async def main():
    signal = asyncio.Event()
    start = time.perf_counter()
    await asyncio.gather(waiter(signal, start), setter(signal))

asyncio.run(main())
