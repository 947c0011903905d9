// diffTexts: the single edit between two texts, with offsets and row/column points in UTF-16 code units,
// never splitting a surrogate pair.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffTexts } from '../../server/src/syntax/textEdit';

test('equal texts have no edit', () => {
  assert.equal(diffTexts('x = 1\n', 'x = 1\n'), undefined);
});

test('a replaced digit on the third line', () => {
  assert.deepEqual(diffTexts('a\nbb\nx = Dropout(0.1)\n', 'a\nbb\nx = Dropout(0.3)\n'), {
    startIndex: 19, oldEndIndex: 20, newEndIndex: 20,
    startPosition: { row: 2, column: 14 }, oldEndPosition: { row: 2, column: 15 }, newEndPosition: { row: 2, column: 15 },
  });
});

test('an inserted line moves the end point down', () => {
  assert.deepEqual(diffTexts('a\nb\n', 'a\nnew\nb\n'), {
    startIndex: 2, oldEndIndex: 2, newEndIndex: 6,
    startPosition: { row: 1, column: 0 }, oldEndPosition: { row: 1, column: 0 }, newEndPosition: { row: 2, column: 0 },
  });
});

test('a deletion across lines', () => {
  assert.deepEqual(diffTexts('ab\ncd\nef', 'ab\nf'), {
    startIndex: 3, oldEndIndex: 7, newEndIndex: 3,
    startPosition: { row: 1, column: 0 }, oldEndPosition: { row: 2, column: 1 }, newEndPosition: { row: 1, column: 0 },
  });
});

test('an emoji replaced by another that shares its high surrogate is one whole code point', () => {
  // 😀 = D83D DE00, 😃 = D83D DE03: the common prefix would end between the two halves.
  assert.deepEqual(diffTexts('é😀x', 'é😃x'), {
    startIndex: 1, oldEndIndex: 3, newEndIndex: 3,
    startPosition: { row: 0, column: 1 }, oldEndPosition: { row: 0, column: 3 }, newEndPosition: { row: 0, column: 3 },
  });
});

test('astral characters sharing their low surrogate are replaced whole', () => {
  // 𝐱 = D835 DC31, 🐱 = D83D DC31: the common suffix would start at the lone low surrogate.
  assert.deepEqual(diffTexts('模𝐱=', '模🐱='), {
    startIndex: 1, oldEndIndex: 3, newEndIndex: 3,
    startPosition: { row: 0, column: 1 }, oldEndPosition: { row: 0, column: 3 }, newEndPosition: { row: 0, column: 3 },
  });
});
