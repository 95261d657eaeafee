/**
 * The Arazzo runtime expressions and criteria the flows use, evaluated against a flow's context:
 * `$inputs.<name>`, `$steps.<stepId>.outputs.<name>`, `$statusCode`, `$response.body#/<pointer>`,
 * `$response.header.<name>`; a value that is one whole expression keeps its type, `{$…}` inside a
 * string is replaced by the value's text. Conditions are Arazzo's simple ones: operands compared with
 * `==` or `!=`, joined by `&&` (binds tighter) and `||`; literals are numbers, 'strings', true, false
 * and null. Anything else is refused when the flows are loaded, not halfway through a run.
 */
import { atPointer } from "../live/links.js";

export interface FlowContext {
  inputs: Record<string, unknown>;
  steps: Record<string, { outputs: Record<string, unknown> }>;
  /** The current step's response, once it has one. */
  response?: { statusCode: number; headers: Record<string, string>; body: unknown };
}

export class FlowExpressionError extends Error {
  override name = "FlowExpressionError";
}

const EXPRESSION =
  /^\$(?:inputs\.[A-Za-z0-9_.-]+|steps\.[A-Za-z0-9_-]+\.outputs\.[A-Za-z0-9_.-]+|statusCode|response\.body(?:#\/[^\s]*)?|response\.header\.[A-Za-z0-9_-]+)$/;

export function isExpression(text: string): boolean {
  return EXPRESSION.test(text);
}

/** The value of one runtime expression; undefined when it names nothing (yet). */
export function evaluateExpression(expression: string, context: FlowContext): unknown {
  if (!isExpression(expression)) throw new FlowExpressionError(`unsupported runtime expression ${JSON.stringify(expression)}`);
  const [head, ...rest] = expression.slice(1).split(".");
  switch (head) {
    case "inputs":
      return context.inputs[rest.join(".")];
    case "steps":
      return context.steps[rest[0]!]?.outputs[rest.slice(2).join(".")];
    case "statusCode":
      return context.response?.statusCode;
    default: {
      if (expression.startsWith("$response.header.")) return context.response?.headers[expression.slice("$response.header.".length).toLowerCase()];
      const pointer = expression.split("#")[1] ?? "";
      return atPointer(context.response?.body, pointer);
    }
  }
}

/**
 * A parameter value or request-body payload with its expressions resolved: a string that is one
 * whole expression becomes its value; `{$…}` inside a string becomes the value's text; objects and
 * arrays are resolved member by member.
 */
export function resolveValue(value: unknown, context: FlowContext, depth = 0): unknown {
  if (depth > 32) throw new FlowExpressionError("a payload nested deeper than 32 levels");
  if (typeof value === "string") {
    if (value.startsWith("$")) return evaluateExpression(value, context);
    return value.replace(/\{(\$[^{}]+)\}/g, (_, expression: string) => {
      const resolved = evaluateExpression(expression, context);
      if (resolved === undefined) throw new FlowExpressionError(`${expression} has no value`);
      return typeof resolved === "string" ? resolved : JSON.stringify(resolved);
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, context, depth + 1));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, context, depth + 1)]));
  return value;
}

/** Every expression a value or payload uses (for checking a flow before it runs). */
export function expressionsIn(value: unknown): string[] {
  if (typeof value === "string") return value.startsWith("$") ? [value] : [...value.matchAll(/\{(\$[^{}]+)\}/g)].map((match) => match[1]!);
  if (Array.isArray(value)) return value.flatMap(expressionsIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(expressionsIn);
  return [];
}

type Comparison = { left: string; operator: "==" | "!="; right: string };

/** A condition parsed into `||` of `&&` of comparisons; throws on anything else. */
export function parseCondition(condition: string): Comparison[][] {
  return condition.split("||").map((alternative) =>
    alternative.split("&&").map((part) => {
      const found = /^\s*(\S+)\s*(==|!=)\s*(\S.*?)\s*$/.exec(part);
      if (!found) throw new FlowExpressionError(`unsupported condition ${JSON.stringify(condition)}: use operands compared with == or !=, joined by && and ||`);
      const comparison = { left: found[1]!, operator: found[2] as "==" | "!=", right: found[3]! };
      for (const operand of [comparison.left, comparison.right]) operandKind(operand, condition);
      return comparison;
    }),
  );
}

export function holds(condition: string, context: FlowContext): boolean {
  return parseCondition(condition).some((all) =>
    all.every(({ left, operator, right }) => {
      const same = JSON.stringify(operand(left, context) ?? null) === JSON.stringify(operand(right, context) ?? null);
      return operator === "==" ? same : !same;
    }),
  );
}

function operandKind(text: string, condition: string): "expression" | "literal" {
  if (text.startsWith("$")) {
    if (!isExpression(text)) throw new FlowExpressionError(`unsupported operand ${text} in ${JSON.stringify(condition)}`);
    return "expression";
  }
  if (/^(true|false|null|-?\d+(\.\d+)?|'[^']*')$/.test(text)) return "literal";
  throw new FlowExpressionError(`unsupported operand ${text} in ${JSON.stringify(condition)}: literals are numbers, 'strings', true, false, null`);
}

function operand(text: string, context: FlowContext): unknown {
  if (text.startsWith("$")) return evaluateExpression(text, context);
  if (text.startsWith("'")) return text.slice(1, -1);
  return JSON.parse(text);
}
