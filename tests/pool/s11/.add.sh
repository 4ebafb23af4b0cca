#!/usr/bin/env bash
# usage: .add.sh name url kind year body
cd /work/pool/s11
n="$1"; url="$2"; kind="$3"; year="$4"; body="$5"
python3 - "$n" "$url" "$kind" "$year" <<'PY'
import json,sys
n,url,kind,year=sys.argv[1:5]
y=None if year=="null" else int(year)
json.dump({"source":url,"kind":kind,"year":y,"collected":"2026-12-07"},open(f"/work/pool/s11/{n}.meta.json","w",encoding="utf-8"),ensure_ascii=False)
PY
echo "$n | $body | $year | $kind" >> INDEX.md
echo "$url" >> /work/notes/read_urls.txt
