"""CVs and attachments (issue 12.4): the metadata rows, where the bytes live, and how they arrive.

- `records.py`: the one write path of an attachment row (REST and sync), its scope and CV numbering;
- `settings.py`: size limit, allowed content types, which storage (config or environment);
- `storage.py`: finished files on disk under the instance folder, or in S3-compatible storage;
- `tus.py`: the resumable upload (tus 1.0 core + creation): offsets, appends, the final checksum.

The bytes never ride on a sync op: a phone pushes the row first, then uploads the file when it
can, resuming from the server's offset after a cut.
"""
