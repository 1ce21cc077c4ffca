#!/usr/bin/env python3
"""arena_forward.py PORT SOCKET COMMAND...: inside a bot's sandbox (see
arena.py), the way to the game server and the bot's own start.

The sandbox has a network of its own with nothing in it but loopback.  This
listens on 127.0.0.1:PORT (and [::1]:PORT), so that http://localhost:PORT/
works inside as it does outside, and carries every connection to SOCKET,
the Unix socket lighttpd listens on for the bots: the game server, and
nothing else, is reachable.  Then it runs COMMAND (the bot), and ends with
its exit status when it ends.
"""
import asyncio
import socket
import sys


async def pipe(reader, writer):
    """Copy reader to writer until reader ends, then close writer."""
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except OSError:
        pass
    finally:
        writer.close()


async def carry(path, client_reader, client_writer):
    """One connection of the bot's, carried to the server's socket."""
    try:
        server_reader, server_writer = await asyncio.open_unix_connection(path)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))


async def main(port, path, command):
    servers = []
    for host in ["127.0.0.1", "::1"]:
        try:
            servers.append(await asyncio.start_server(
                lambda r, w: carry(path, r, w), host, port,
                family=socket.AF_INET6 if ":" in host else socket.AF_INET))
        except OSError:
            if host == "127.0.0.1":
                raise               # ::1 may be missing; 127.0.0.1 never is
    bot = await asyncio.create_subprocess_exec(*command)
    status = await bot.wait()
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3:])))
