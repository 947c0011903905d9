#!/usr/bin/env python3
# Authoring aid for fixtures: rewrites "#@ TOKEN kind: text" (or "#@ `TOKEN WITH SPACES` kind: text", "#@ TOKEN#2 …"
# for the 2nd occurrence) into a caret annotation line under TOKEN on the previous code line (UTF-16 columns).
# The comment marker follows the file: `#` for .py, `//` for .ts/.tsx/.js/.mjs/.cjs ("//@ TOKEN kind: text").
# Usage: python3 test/support/place_carets.py test/fixtures/python/FILE.py test/fixtures/typescript/FILE.ts
import sys


def utf16_len(s):
    return len(s.encode('utf-16-le')) // 2


def place(path):
    marker = '#' if path.endswith('.py') else '//'
    lines = open(path, encoding='utf-8').read().split('\n')
    out = []
    target = None
    for line in lines:
        s = line.strip()
        if s.startswith(marker + '@ '):
            body = s[len(marker) + 2:]
            if body.startswith('`'):
                end = body.index('`', 1)
                tok, rest = body[1:end], body[end + 1:].strip()
            else:
                tok, rest = body.split(' ', 1)
            nth = 1
            if '#' in tok[1:]:
                tok, n = tok.rsplit('#', 1)
                nth = int(n)
            idx = -1
            for _ in range(nth):
                idx = target.index(tok, idx + 1)
            col = utf16_len(target[:idx])
            if col < len(marker):
                raise SystemExit(f'{path}: token at column {col} cannot be annotated: {tok}')
            out.append(marker + ' ' * (col - len(marker)) + '^' * utf16_len(tok) + ' ' + rest)
        else:
            if not (s.startswith(marker) and s[len(marker):].strip().startswith('^')):
                target = line
            out.append(line)
    open(path, 'w', encoding='utf-8').write('\n'.join(out))


for p in sys.argv[1:]:
    place(p)
