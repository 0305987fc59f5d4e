// OData v4 $filter: a tokenizer and a recursive-descent parser that binds the expression to an entity model as it
// goes, so every leaf names a declared property and carries a literal already converted to that property's type.
// Errors are 400s worded as OData (Microsoft.OData.Core) words them. Hostile input is bounded: the text by length,
// the recursion by nesting depth, and the lexer scans each character once (no backtracking regular expressions).

import type { EdmPrimitive, EntityModel, EnumType, PropertyModel } from "../../model/entity-model.ts";
import type { ComparisonOperator, FilterNode, FilterValue, StringFunction } from "../../model/filter-tree.ts";
import { GraphError } from "../errors/error-catalogue.ts";

export const MAX_FILTER_LENGTH = 4096;
export const MAX_FILTER_DEPTH = 100;

// ─── Errors ──────────────────────────────────────────────────────────────────────────────────────────────────

function fail(message: string): GraphError {
  return GraphError.of("badRequest", message).withTarget("$filter");
}

const OPERATOR_KINDS: Record<ComparisonOperator, string> = {
  eq: "Equal",
  ne: "NotEqual",
  gt: "GreaterThan",
  ge: "GreaterThanOrEqual",
  lt: "LessThan",
  le: "LessThanOrEqual",
};

function incompatible(left: string, right: string, operatorKind: string): GraphError {
  return fail(
    `A binary operator with incompatible types was detected. Found operand types '${left}' and '${right}' for operator kind '${operatorKind}'.`,
  );
}

function notAnEnumConstant(text: string): GraphError {
  return fail(`The string '${text}' is not a valid enumeration type constant.`);
}

function notConvertible(text: string, edmType: string): GraphError {
  return fail(`Cannot convert the literal '${text}' to the expected type '${edmType}'.`);
}

// ─── Tokens ──────────────────────────────────────────────────────────────────────────────────────────────────

type Literal =
  | { kind: "string"; value: string }
  | { kind: "number"; edmType: string; int32: number | undefined }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "dateTime"; iso: string }
  | { kind: "enum"; typeName: string; member: string };

type Token =
  | { kind: "identifier" | "(" | ")" | "," | "end"; pos: number; text: string }
  | { kind: "literal"; pos: number; text: string; literal: Literal };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWhitespace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isIdentifierStart = (c: number): boolean => isLetter(c) || c === 95; // _
const isIdentifierPart = (c: number): boolean => isIdentifierStart(c) || isDigit(c) || c === 46; // .
// Numbers and DateTimeOffset literals are read as one run of these, then classified.
const isNumericPart = (c: number): boolean => isLetter(c) || isDigit(c) || c === 46 || c === 58 || c === 43 || c === 45;

// Anchored, fixed-shape patterns over a run of at most MAX_FILTER_LENGTH characters: linear, no nested quantifiers.
const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?([dDfFmMlL])?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,12}))?)?(Z|[+-]\d{2}:\d{2})$/;

class Lexer {
  readonly tokens: Token[] = [];
  private i = 0;

  constructor(private readonly text: string) {}

  run(): Token[] {
    const { text } = this;
    while (this.i < text.length) {
      const c = text.charCodeAt(this.i);
      const start = this.i;
      if (isWhitespace(c)) {
        this.i++;
      } else if (c === 40 || c === 41 || c === 44) {
        // ( ) ,
        this.i++;
        this.tokens.push({ kind: text.charAt(start) as "(" | ")" | ",", pos: start, text: text.charAt(start) });
      } else if (c === 39) {
        const value = this.quoted();
        this.push(start, { kind: "string", value });
      } else if (isIdentifierStart(c)) {
        while (this.i < text.length && isIdentifierPart(text.charCodeAt(this.i))) this.i++;
        const name = text.slice(start, this.i);
        // A qualified name glued to a quote is an enum literal: microsoft.graph.resultantAppState'installed'.
        if (name.includes(".") && text.charAt(this.i) === "'") {
          const member = this.quoted();
          this.push(start, { kind: "enum", typeName: name, member });
        } else {
          this.tokens.push({ kind: "identifier", pos: start, text: name });
        }
      } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(start + 1)))) {
        this.i++;
        while (this.i < text.length && isNumericPart(text.charCodeAt(this.i))) this.i++;
        this.push(start, this.classify(text.slice(start, this.i), start));
      } else {
        throw fail(`Syntax error: character '${text.charAt(start)}' is not valid at position ${start} in '${text}'.`);
      }
    }
    this.tokens.push({ kind: "end", pos: text.length, text: "" });
    return this.tokens;
  }

  private push(start: number, literal: Literal): void {
    this.tokens.push({ kind: "literal", pos: start, text: this.text.slice(start, this.i), literal });
  }

  /** Reads a single-quoted string at the cursor; a doubled quote stands for one quote. */
  private quoted(): string {
    const { text } = this;
    const open = this.i;
    let value = "";
    let from = open + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close < 0) throw fail(`There is an unterminated string literal at position ${open} in '${text}'.`);
      if (text.charAt(close + 1) === "'") {
        value += text.slice(from, close + 1);
        from = close + 2;
      } else {
        value += text.slice(from, close);
        this.i = close + 1;
        return value;
      }
    }
  }

  private classify(run: string, start: number): Literal {
    if (/^\d{4}-/.test(run)) return { kind: "dateTime", iso: parseDateTimeOffset(run) };
    if (INTEGER.test(run)) {
      const value = Number(run);
      const int32 = value >= INT32_MIN && value <= INT32_MAX ? value + 0 : undefined; // + 0 turns -0 into 0
      return { kind: "number", edmType: int32 === undefined ? "Edm.Int64" : "Edm.Int32", int32 };
    }
    const number = NUMBER.exec(run);
    if (number === null) throw fail(`Syntax error at position ${start} in '${this.text}'.`);
    const suffix = (number[3] ?? "").toLowerCase();
    const edmType =
      suffix === "l"
        ? "Edm.Int64"
        : suffix === "d" || (suffix === "" && number[2] !== undefined)
          ? "Edm.Double"
          : suffix === "f"
            ? "Edm.Single"
            : "Edm.Decimal";
    return { kind: "number", edmType, int32: undefined };
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Validates an OData DateTimeOffset literal and normalises it to the stored form (UTC, 7 fractional digits). */
function parseDateTimeOffset(text: string): string {
  const invalid = () =>
    fail(
      `The DateTimeOffset text '${text}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?' and each field value is within valid range.`,
    );
  const match = DATE_TIME.exec(text);
  if (match === null) throw invalid();
  const [, y, mo, d, h, mi, s = "0", fraction = "", zone = "Z"] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59) throw invalid();
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMins = Number(zone.slice(4, 6));
    if (offsetHours > 14 || offsetMins > 59) throw invalid();
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, Number(fraction.padEnd(3, "0").slice(0, 3)));
  const year4 = date.getUTCFullYear();
  if (year4 < 1 || year4 > 9999) throw invalid(); // .NET's range; PostgreSQL has no year 0000
  // Whole seconds from Date; the fraction as written, to 100 ns (Date would keep milliseconds only).
  return `${date.toISOString().slice(0, 19)}.${fraction.padEnd(7, "0").slice(0, 7)}Z`;
}

// ─── Parser ──────────────────────────────────────────────────────────────────────────────────────────────────

/** What a primary expression denotes before it is used: a property, a literal, or a boolean condition. */
type Operand =
  | { kind: "property"; property: PropertyModel; start: number; end: number }
  | { kind: "literal"; literal: Literal; text: string; start: number; end: number }
  | { kind: "condition"; node: FilterNode; start: number; end: number };

const COMPARISON_OPERATORS = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);
const RESERVED = new Set<string>([...COMPARISON_OPERATORS, "and", "or", "not", "in", "has"]);
const STRING_FUNCTIONS = new Set<string>(["startswith", "endswith", "contains"]);
// OData's other canonical functions: named as unsupported here rather than as unknown.
const OTHER_ODATA_FUNCTIONS = new Set<string>([
  "concat",
  "indexof",
  "length",
  "substring",
  "tolower",
  "toupper",
  "trim",
  "matchesPattern",
  "year",
  "month",
  "day",
  "hour",
  "minute",
  "second",
  "fractionalseconds",
  "totalseconds",
  "date",
  "time",
  "totaloffsetminutes",
  "mindatetime",
  "maxdatetime",
  "now",
  "round",
  "floor",
  "ceiling",
  "cast",
  "isof",
  "any",
  "all",
]);

const FLIPPED: Record<ComparisonOperator, ComparisonOperator> = {
  eq: "eq",
  ne: "ne",
  gt: "lt",
  ge: "le",
  lt: "gt",
  le: "ge",
};

function edmTypeName(type: EdmPrimitive | EnumType): string {
  return typeof type === "string" ? type : type.name;
}

function literalTypeName(literal: Literal): string {
  switch (literal.kind) {
    case "string":
      return "Edm.String";
    case "number":
      return literal.edmType;
    case "boolean":
      return "Edm.Boolean";
    case "null":
      return "null";
    case "dateTime":
      return "Edm.DateTimeOffset";
    case "enum":
      return literal.typeName;
  }
}

function typeOf(operand: Operand): string {
  switch (operand.kind) {
    case "property":
      return edmTypeName(operand.property.type);
    case "literal":
      return literalTypeName(operand.literal);
    case "condition":
      return "Edm.Boolean";
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  private readonly tokens: Token[];

  constructor(
    private readonly text: string,
    private readonly model: EntityModel,
  ) {
    this.tokens = new Lexer(text).run();
  }

  parse(): FilterNode {
    if (this.peek().kind === "end") {
      throw fail("The $filter expression is empty; it must evaluate to a single boolean value.");
    }
    const operand = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== "end") throw this.syntaxError(rest);
    return this.condition(operand, () => fail("The $filter expression must evaluate to a single boolean value."));
  }

  // or < and < not < comparison, as the chains below nest.

  private parseOr(): Operand {
    return this.chain("or", "Or", () => this.parseAnd());
  }

  private parseAnd(): Operand {
    return this.chain("and", "And", () => this.parseUnary());
  }

  /** A left-associative chain of one logical operator, built as one flat node. */
  private chain(keyword: "and" | "or", operatorKind: string, next: () => Operand): Operand {
    const first = next();
    if (!this.atKeyword(keyword)) return first;
    const operands: FilterNode[] = [];
    let left = first;
    let leftType = typeOf(first);
    while (this.atKeyword(keyword)) {
      this.index++;
      const right = next();
      const rightType = typeOf(right);
      if (leftType !== "Edm.Boolean" || rightType !== "Edm.Boolean") {
        throw incompatible(leftType, rightType, operatorKind);
      }
      if (operands.length === 0) this.flattenInto(operands, keyword, left);
      this.flattenInto(operands, keyword, right);
      left = right;
      leftType = "Edm.Boolean";
    }
    const node: FilterNode = keyword === "and" ? { kind: "and", operands } : { kind: "or", operands };
    return { kind: "condition", node, start: first.start, end: left.end };
  }

  private flattenInto(operands: FilterNode[], keyword: "and" | "or", operand: Operand): void {
    const node = this.condition(operand, () => fail("unreachable: operands are checked to be boolean"));
    if (node.kind === keyword) operands.push(...node.operands);
    else operands.push(node);
  }

  private parseUnary(): Operand {
    if (!this.atKeyword("not")) return this.parseComparison();
    const not = this.next();
    this.enter();
    const operand = this.parseUnary();
    this.depth--;
    const node = this.condition(operand, () =>
      fail(
        `A unary operator with an incompatible type was detected. Found operand type '${typeOf(operand)}' for operator kind 'Not'.`,
      ),
    );
    return { kind: "condition", node: { kind: "not", operand: node }, start: not.pos, end: operand.end };
  }

  private parseComparison(): Operand {
    const left = this.parsePrimary();
    const operator = this.peek();
    if (operator.kind === "identifier" && COMPARISON_OPERATORS.has(operator.text)) {
      this.index++;
      const right = this.parsePrimary();
      return this.compare(left, operator.text as ComparisonOperator, right);
    }
    if (this.atKeyword("in")) {
      this.index++;
      return this.parseIn(left);
    }
    return left;
  }

  private parsePrimary(): Operand {
    const token = this.next();
    switch (token.kind) {
      case "(": {
        this.enter();
        const inner = this.parseOr();
        const close = this.next();
        if (close.kind !== ")") throw this.syntaxError(close);
        this.depth--;
        return { ...inner, start: token.pos, end: close.pos + 1 };
      }
      case "literal":
        return { kind: "literal", literal: token.literal, text: token.text, start: token.pos, end: this.endOf(token) };
      case "identifier":
        return this.parseIdentifier(token);
      default:
        throw this.syntaxError(token);
    }
  }

  private parseIdentifier(token: Token): Operand {
    const { text: name, pos: start } = token;
    const end = this.endOf(token);
    if (name === "true" || name === "false") {
      return { kind: "literal", literal: { kind: "boolean", value: name === "true" }, text: name, start, end };
    }
    if (name === "null") return { kind: "literal", literal: { kind: "null" }, text: name, start, end };
    if (RESERVED.has(name)) throw this.syntaxError(token);
    if (this.peek().kind === "(") return this.parseFunction(token);
    const structured = this.model.structured.get(name);
    if (structured !== undefined) {
      throw fail(
        `The property '${name}' is ${structured.kind === "complex" ? "a complex value" : "a collection"}; $filter compares only primitive properties.`,
      );
    }
    const property = this.model.properties.get(name);
    if (property === undefined) {
      throw fail(`Could not find a property named '${name}' on type '${this.model.typeName}'.`);
    }
    return { kind: "property", property, start, end };
  }

  private parseFunction(nameToken: Token): Operand {
    const name = nameToken.text;
    if (!STRING_FUNCTIONS.has(name)) {
      if (OTHER_ODATA_FUNCTIONS.has(name)) {
        throw fail(`The function '${name}' is not supported in $filter here; use startswith, endswith or contains.`);
      }
      throw fail(
        `An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
      );
    }
    this.next(); // (
    this.enter();
    const args: Operand[] = [];
    let close = this.peek();
    if (close.kind === ")") {
      this.index++;
    } else {
      for (;;) {
        args.push(this.parseOr());
        close = this.next();
        if (close.kind === ")") break;
        if (close.kind !== ",") throw this.syntaxError(close);
      }
    }
    this.depth--;
    const start = nameToken.pos;
    const end = close.pos + 1;
    const noSignature = () =>
      fail(
        `No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${name}(Edm.String Nullable=true, Edm.String Nullable=true).`,
      );
    const [subject, search] = args;
    if (args.length !== 2 || subject === undefined || search === undefined) throw noSignature();
    if (subject.kind !== "property" || search.kind !== "literal") {
      throw fail(
        `The function '${name}' is supported with a string property first and a string literal second; found '${this.text.slice(start, end)}'.`,
      );
    }
    if (subject.property.type !== "Edm.String" || search.literal.kind !== "string") throw noSignature();
    const node: FilterNode = {
      kind: "function",
      name: name as StringFunction,
      property: subject.property,
      value: search.literal.value,
    };
    return { kind: "condition", node, start, end };
  }

  private parseIn(left: Operand): Operand {
    const open = this.next();
    if (left.kind !== "property") {
      throw fail(`The operator 'in' needs a property on its left; found '${this.text.slice(left.start, left.end)}'.`);
    }
    if (open.kind !== "(") throw this.syntaxError(open);
    const values: FilterValue[] = [];
    for (;;) {
      const item = this.next();
      let literal: Literal | undefined;
      if (item.kind === "literal") literal = item.literal;
      else if (item.kind === "identifier" && (item.text === "true" || item.text === "false")) {
        literal = { kind: "boolean", value: item.text === "true" };
      } else if (item.kind === "identifier" && item.text === "null") literal = { kind: "null" };
      if (literal === undefined) throw this.syntaxError(item);
      const span = this.text.slice(left.start, this.endOf(item));
      values.push(this.bind(left.property, literal, item.text, "eq", "In", span));
      const separator = this.next();
      if (separator.kind === ")") {
        const node: FilterNode = { kind: "in", property: left.property, values };
        return { kind: "condition", node, start: left.start, end: separator.pos + 1 };
      }
      if (separator.kind !== ",") throw this.syntaxError(separator);
    }
  }

  /** Binds `left op right` where one side is a property and the other a literal, or a condition against true/false. */
  private compare(left: Operand, operator: ComparisonOperator, right: Operand): Operand {
    const start = left.start;
    const end = right.end;
    const span = this.text.slice(start, end);
    const operatorKind = OPERATOR_KINDS[operator];
    if (left.kind === "condition" || right.kind === "condition") {
      const condition = left.kind === "condition" ? left.node : right.kind === "condition" ? right.node : undefined;
      const other = left.kind === "condition" ? right : left;
      if (
        condition !== undefined &&
        other.kind === "literal" &&
        other.literal.kind === "boolean" &&
        (operator === "eq" || operator === "ne")
      ) {
        // startswith(userName,'a') eq false ≡ not startswith(userName,'a')
        const keep = (operator === "eq") === other.literal.value;
        const node: FilterNode = keep ? condition : { kind: "not", operand: condition };
        return { kind: "condition", node, start, end };
      }
      if (other.kind === "literal") throw incompatible(typeOf(left), typeOf(right), operatorKind);
    } else if (left.kind === "property" && right.kind === "literal") {
      const value = this.bind(left.property, right.literal, right.text, operator, operatorKind, span, [
        typeOf(left),
        typeOf(right),
      ]);
      return { kind: "condition", node: { kind: "compare", operator, property: left.property, value }, start, end };
    } else if (left.kind === "literal" && right.kind === "property") {
      // 4 lt installedDeviceCount ≡ installedDeviceCount gt 4
      const value = this.bind(right.property, left.literal, left.text, operator, operatorKind, span, [
        typeOf(left),
        typeOf(right),
      ]);
      const node: FilterNode = { kind: "compare", operator: FLIPPED[operator], property: right.property, value };
      return { kind: "condition", node, start, end };
    }
    throw fail(`Only comparisons between a property and a literal are supported; found '${span}'.`);
  }

  /** Converts a literal to the property's type, or explains in OData's words why it cannot be. */
  private bind(
    property: PropertyModel,
    literal: Literal,
    text: string,
    operator: ComparisonOperator,
    operatorKind: string,
    span: string,
    operandTypes: [string, string] = [edmTypeName(property.type), literalTypeName(literal)],
  ): FilterValue {
    const mismatch = () => incompatible(operandTypes[0], operandTypes[1], operatorKind);
    if (literal.kind === "null") {
      if (operator === "eq" || operator === "ne") return null;
      throw fail(`The operator '${operator}' cannot compare with null in '${span}'; only eq and ne can.`);
    }
    const type = property.type;
    if (typeof type === "object") return this.bindEnum(type, literal, text, mismatch);
    switch (type) {
      case "Edm.String":
        if (literal.kind === "string") return literal.value;
        throw mismatch();
      case "Edm.Int32":
        if (literal.kind !== "number") throw mismatch();
        if (literal.int32 === undefined) throw notConvertible(text, "Edm.Int32");
        return literal.int32;
      case "Edm.Boolean":
        if (literal.kind !== "boolean") throw mismatch();
        if (operator !== "eq" && operator !== "ne") {
          throw fail(`The operator '${operator}' cannot order Edm.Boolean values in '${span}'; only eq and ne can.`);
        }
        return literal.value;
      case "Edm.DateTimeOffset":
        if (literal.kind === "dateTime") return literal.iso;
        throw mismatch();
    }
  }

  private bindEnum(type: EnumType, literal: Literal, text: string, mismatch: () => GraphError): number {
    let member: string;
    let shown = text;
    switch (literal.kind) {
      case "enum":
        if (literal.typeName !== type.name) throw mismatch();
        member = literal.member;
        break;
      case "string": // Graph accepts the member name as a plain string too
        member = literal.value;
        shown = literal.value;
        break;
      case "number":
        throw notAnEnumConstant(text);
      default:
        throw mismatch();
    }
    // hasOwn: a member named 'constructor' or '__proto__' must not reach Object.prototype.
    const value = Object.hasOwn(type.members, member) ? type.members[member] : undefined;
    if (value === undefined) throw notAnEnumConstant(shown);
    return value;
  }

  /** A boolean condition from an operand: itself, a Boolean property used alone, or the caller's error. */
  private condition(operand: Operand, notBoolean: () => GraphError): FilterNode {
    if (operand.kind === "condition") return operand.node;
    if (operand.kind === "property" && operand.property.type === "Edm.Boolean") {
      return { kind: "booleanProperty", property: operand.property };
    }
    if (operand.kind === "literal" && operand.literal.kind === "boolean") {
      throw fail(`The literal '${operand.text}' cannot stand alone as a condition; compare a property with it.`);
    }
    throw notBoolean();
  }

  private enter(): void {
    if (++this.depth > MAX_FILTER_DEPTH) throw fail("Recursion depth exceeded allowed limit.");
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.endToken();
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }

  private endToken(): Token {
    return { kind: "end", pos: this.text.length, text: "" };
  }

  private atKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === "identifier" && token.text === keyword;
  }

  private endOf(token: Token): number {
    return token.pos + token.text.length;
  }

  private syntaxError(token: Token): GraphError {
    return fail(`Syntax error at position ${token.pos} in '${this.text}'.`);
  }
}

/**
 * Parses an OData v4 $filter expression (already percent-decoded) against an entity model. Throws a 400 GraphError
 * targeted at `$filter`, worded as OData words it, for anything it cannot bind.
 */
export function parseFilter(text: string, model: EntityModel): FilterNode {
  if (text.length > MAX_FILTER_LENGTH) {
    throw fail(`The $filter expression is longer than the limit of ${MAX_FILTER_LENGTH} characters.`);
  }
  return new Parser(text, model).parse();
}
