#!/usr/bin/env python3
# Authoring aid for TS/JS fixtures (the `//` counterpart of place_carets.py): rewrites "//@ TOKEN kind: text"
# (or "//@ `TOKEN WITH SPACES` kind: text", "//@ TOKEN#2 …" for the 2nd occurrence) into a caret annotation
# line under TOKEN on the previous code line (UTF-16 columns). The token must start at column 2 or later.
# Usage: python3 test/support/place_carets_js.py test/fixtures/typescript/FILE.ts
import sys
for path in sys.argv[1:]:
    lines = open(path, encoding='utf-8').read().split('\n')
    out = []; target = None
    for line in lines:
        s = line.strip()
        if s.startswith('//@ '):
            body = s[4:]
            if body.startswith('`'):
                end = body.index('`', 1); tok = body[1:end]; rest = body[end+1:].strip()
            else:
                tok, rest = body.split(' ', 1)
            nth = 1
            if '#' in tok[1:]:
                tok, n = tok.rsplit('#', 1); nth = int(n)
            idx = -1
            for _ in range(nth):
                idx = target.index(tok, idx + 1)
            col = len(target[:idx].encode('utf-16-le')) // 2
            width = len(tok.encode('utf-16-le')) // 2
            if col < 2:
                raise SystemExit(f'{path}: token at column {col} cannot be annotated: {tok}')
            out.append('//' + ' ' * (col - 2) + '^' * width + ' ' + rest)
        else:
            if not (s.startswith('//') and s[2:].strip().startswith('^')):
                target = line
            out.append(line)
    open(path, 'w', encoding='utf-8').write('\n'.join(out))
