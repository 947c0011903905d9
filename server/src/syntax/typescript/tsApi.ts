// The TypeScript compiler API members the front end uses on hot paths, as plain values: the `typescript`
// package exports every member through a getter, which costs a call on each use (measurably so per node).

import ts = require('typescript');

export const SyntaxKind = ts.SyntaxKind;
export const {
  forEachChild,
  getLeadingCommentRanges,
  getTrailingCommentRanges,
  isArrayLiteralExpression,
  isArrowFunction,
  isAsExpression,
  isBlock,
  isCaseClause,
  isClassExpression,
  isComputedPropertyName,
  isDefaultClause,
  isElementAccessExpression,
  isExternalModuleReference,
  isForOfStatement,
  isFunctionDeclaration,
  isFunctionExpression,
  isIdentifier,
  isIfStatement,
  isMethodDeclaration,
  isNamespaceImport,
  isNoSubstitutionTemplateLiteral,
  isNonNullExpression,
  isNumericLiteral,
  isObjectBindingPattern,
  isObjectLiteralExpression,
  isOmittedExpression,
  isParenthesizedExpression,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isPropertyAssignment,
  isShorthandPropertyAssignment,
  isSpreadAssignment,
  isSpreadElement,
  isStringLiteral,
  isVariableDeclarationList,
} = ts;
