# wait_for gives a two-second coroutine one second, then cancels it and raises TimeoutError.

import asyncio, time

async def slow_answer():
    await asyncio.sleep(2)
    return "answer"

async def main():
    start = time.perf_counter()
    try:
        value = await asyncio.wait_for(slow_answer(), timeout=1.0)
        print(f"result: {value}")
    except TimeoutError:
        print(f"result: timeout! after {time.perf_counter() - start:.3f} s")

asyncio.run(main())
