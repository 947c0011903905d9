// Reads expectations written inside fixture files: a comment line made of carets and `kind: text`
// annotates the nearest preceding code line, the carets marking columns (UTF-16) on it, e.g.
//     layers.Conv2D(32, 3),
// #          ^^^^^^ out: (None, 26, 26, 32)
// A file-level line `# expect-version: 1` states the Keras version the analysis must choose.

export interface Annotation {
  /** 0-based line of the code the carets point into. */
  readonly line: number;
  /** 0-based UTF-16 column range covered by the carets. */
  readonly startCol: number;
  readonly endCol: number;
  readonly kind: string;
  readonly text: string;
  /** 0-based line of the annotation itself, for messages. */
  readonly at: number;
}

export interface Fixture {
  readonly annotations: Annotation[];
  readonly expectVersion?: string;
  readonly options: Record<string, string>;
}

function isAnnotationLine(line: string, marker: string): boolean {
  const t = line.trimStart();
  if (!t.startsWith(marker)) return false;
  return t.slice(marker.length).trimStart().startsWith('^');
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function readFixture(text: string, marker = '#'): Fixture {
  const lines = splitLines(text);
  const annotations: Annotation[] = [];
  const options: Record<string, string> = {};
  let expectVersion: string | undefined;
  let target = -1;
  lines.forEach((line, i) => {
    const t = line.trim();
    const opt = t.startsWith(`${marker} expect-`) ? t.slice(marker.length + 1 + 'expect-'.length) : undefined;
    if (opt !== undefined && opt.includes(':')) {
      const key = opt.slice(0, opt.indexOf(':')).trim();
      const value = opt.slice(opt.indexOf(':') + 1).trim();
      if (key === 'version') expectVersion = value;
      else options[key] = value;
      return;
    }
    if (!isAnnotationLine(line, marker)) {
      target = i;
      return;
    }
    const startCol = line.indexOf('^');
    let endCol = startCol;
    while (line[endCol] === '^') endCol++;
    const rest = line.slice(endCol).trim();
    const colon = rest.indexOf(':');
    const kind = colon >= 0 ? rest.slice(0, colon).trim() : rest;
    const body = colon >= 0 ? rest.slice(colon + 1).trim() : '';
    annotations.push({ line: target, startCol, endCol, kind, text: body, at: i });
  });
  return { annotations, expectVersion, options };
}
