#!/usr/bin/env python3
"""arena_forward.py PORT FD COMMAND...: inside a bot's sandbox (see
arena.py), the way to the game server and the bot's own start.

The sandbox has a network of its own with nothing in it but loopback.  This
listens on 127.0.0.1:PORT (and [::1]:PORT), so that http://localhost:PORT/
works inside as it does outside, and carries every connection to the game
server.  The server's socket is not in the sandbox: FD is this sandbox's
end of a socket pair the arena holds the other end of.  For each
connection of the bot's, this sends the arena one byte; the arena connects
to the server, names the bot's address there (a PROXY line the bot never
sees nor writes) and hands the connected socket back over FD.  So the game
server, and nothing else, is reachable, and always from this bot's own
address.  Then it runs COMMAND (the bot), and ends with its exit status
when it ends.  The bot does not inherit FD.
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


class Arena:
    """This sandbox's end of the socket pair: one connection asked for at a
    time, answered by the arena with the connected socket (or with none,
    when the server cannot be reached)."""

    def __init__(self, fd):
        self.channel = socket.socket(fileno=fd)
        self.channel.setblocking(False)
        self.lock = asyncio.Lock()

    async def connection(self):
        """A socket connected to the game server for the bot, or None."""
        async with self.lock:
            self.channel.send(b"c")
            while True:
                try:
                    answer, fds, _, _ = socket.recv_fds(self.channel, 1, 1)
                    break
                except BlockingIOError:
                    await self.readable()
            if not answer:
                raise OSError("the arena has gone")
            return socket.socket(fileno=fds[0]) if fds else None

    async def readable(self):
        """Wait until the arena has answered."""
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        loop.add_reader(self.channel, lambda: ready.done() or ready.set_result(None))
        try:
            await ready
        finally:
            loop.remove_reader(self.channel)


async def carry(arena, client_reader, client_writer):
    """One connection of the bot's, carried to the game server."""
    try:
        server = await arena.connection()
        if server is None:
            raise OSError("the server cannot be reached")
        server_reader, server_writer = await asyncio.open_unix_connection(sock=server)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer))


async def main(port, fd, command):
    """Listen on localhost:port, run the bot, and wait for it to end."""
    arena = Arena(fd)
    servers = []
    for host in ["127.0.0.1", "::1"]:
        try:
            servers.append(await asyncio.start_server(
                lambda r, w: carry(arena, r, w), host, port,
                family=socket.AF_INET6 if ":" in host else socket.AF_INET))
        except OSError:
            if host == "127.0.0.1":
                raise               # ::1 may be missing; 127.0.0.1 never is
    bot = await asyncio.create_subprocess_exec(*command)
    status = await bot.wait()
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:])))
