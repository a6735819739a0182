"""A real SMTP server for the tests: accepts every message and writes it to a folder.

Usage: python smtp_sink.py HOST PORT MAIL_DIR
Each message becomes MAIL_DIR/<n>-<first recipient>.eml (raw RFC 5322 text, as received).
"""
import asyncio
import itertools
import pathlib
import sys

from aiosmtpd.controller import Controller


class SaveToFolder:
    def __init__(self, folder: pathlib.Path):
        self.folder = folder
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        rcpt = envelope.rcpt_tos[0] if envelope.rcpt_tos else "unknown"
        name = f"{next(self.counter):06d}-{rcpt}.eml"
        tmp = self.folder / (name + ".tmp")
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.rename(self.folder / name)  # atomic: readers never see half a message
        return "250 Message accepted"


def main():
    host, port, folder = sys.argv[1], int(sys.argv[2]), pathlib.Path(sys.argv[3])
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(SaveToFolder(folder), hostname=host, port=port)
    controller.start()
    print(f"SMTP sink on {host}:{port}, writing to {folder}", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
