#!/usr/bin/env python3
"""Standalone checker for w47 narrations: runs each program with sys.settrace and checks claims.

Conventions:
  value      -> `variable` (a local name, or self.attr) takes `value` at some point of the run
                (variable null: some variable or some return takes it)
  count      -> `variable` is 'loop@line N': line N (first line of the loop body, or the line
                named) executes exactly `value` times; 'header@line N': the loop header on line N
                executes `value` + 1 times (the final exhaustion check)
  arith      -> the expression left of the last '=' / ' is ' in the quote (backticks removed)
                evaluates to `value`
  comparison -> the backticked expression in the quote (or the text before ' is ' / ' holds')
                evaluates to `value` (True/False)
  return     -> some function call in the run returns `value`
  call       -> evaluating the call in the quote returns the program's output
Error copies: the claim carrying error.quote must be FALSE by the same test (or the answer is
wrong for wrong_final_answer / backward_wrong_input); all other claims must still hold unless
error.carried is true.
"""
import ast, copy, json, re, sys

STYLES = {'paper', 'steps', 'paragraphs', 'loop_summary', 'number_words', 'restated_code'}
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill'}
KINDS = {'wrong_arithmetic', 'off_by_one_loop_count', 'branch_not_taken', 'wrong_loop_summary_value', 'impossible_state',
         'wrong_final_answer', 'backward_wrong_input', 'wrong_intermediate_right_answer', 'swapped_variables'}
PATH = sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


def run_program(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist, lines, rets = {}, {}, []

    def rec(frame):
        for k, v in frame.f_locals.items():
            vals = [(k, v)]
            if k == 'self' and hasattr(v, '__dict__'):
                vals += [('self.' + a, b) for a, b in vars(v).items()]
            for name, val in vals:
                h = hist.setdefault(name, [])
                s = snap(val)
                if not h or h[-1] != s:
                    h.append(s)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            rec(frame)
        elif event == 'return':
            rec(frame)
            rets.append((frame.f_code.co_name, snap(arg)))
        elif event == 'call':
            rec(frame)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines, rets


def lit(s):
    return ast.literal_eval(s)


def expr_of(quote, what):
    q = quote
    bt = re.findall(r'`([^`]+)`', q)
    if what == 'comparison':
        if bt:
            return bt[0]
        m = re.split(r'\s+(?:is|holds|fails)\b', q)
        return m[0]
    q = q.replace('`', '')
    parts = re.split(r'(?<![=<>!])=(?!=)', q)
    if len(parts) >= 2:
        return parts[-2].strip()
    for sep in [' is ', ' gives ', ' makes ']:
        if sep in q:
            return q.split(sep, 1)[0]
    return q


def check_claim(c, ctx):
    ns, result, hist, lines, rets = ctx
    what = c['what']
    try:
        val = lit(c['value'])
    except Exception as e:
        return False, f'bad literal {c["value"]!r}'
    if what == 'value':
        var = c['variable']
        if var is None:
            ok = any(val in h for h in hist.values()) or any(val == r for _, r in rets)
            return ok, 'value anywhere'
        if var not in hist:
            return False, f'unknown variable {var}'
        return val in hist[var], f'{var} history {hist[var][:12]}'
    if what == 'count':
        m = re.match(r'(loop|header)@line (\d+)', c['variable'] or '')
        if not m:
            return False, 'count label'
        n = lines.get(int(m.group(2)), 0)
        if m.group(1) == 'header':
            n -= 1  # a for/while header runs once more than its body (exhaustion check)
        return n == val, f'line ran {n}'
    if what in ('arith', 'comparison'):
        e = expr_of(c['quote'], what)
        try:
            got = eval(e, {})
        except Exception as ex:
            return False, f'cannot eval {e!r}: {ex}'
        return got == val, f'{e} -> {got!r}'
    if what == 'return':
        return any(val == r for _, r in rets), 'returns'
    if what == 'call':
        try:
            got = eval(c['quote'].strip('`'), ns)
        except Exception as ex:
            return False, f'call failed {ex}'
        return got == result and got == val, f'call -> {got!r}'
    return False, 'unknown what'


def main():
    items = [json.loads(l) for l in open(PATH) if l.strip()]
    by_id = {it['id']: it for it in items}
    fails, n_claims = [], 0
    cache = {}
    for it in items:
        key = (it['code'], it['call'])
        if key not in cache:
            cache[key] = run_program(it['code'], it['call'])
        ctx = cache[key]
        ns, result = ctx[0], ctx[1]
        errs = []
        if repr(result) != it['returned']:
            errs.append(f'returned {it["returned"]} != {result!r}')
        rat = it['rationale']
        ekind = it['error']['kind'] if it['error'] else None
        if it['style'] not in STYLES or it['family'] not in FAMILIES:
            errs.append('bad style/family')
        if ekind and ekind not in KINDS:
            errs.append('bad error kind')
        if ekind == 'wrong_final_answer' and it['direction'] != 'forward':
            errs.append('wrong_final_answer on backward item')
        if ekind == 'backward_wrong_input' and it['direction'] != 'backward':
            errs.append('backward_wrong_input on forward item')
        want = f"{it['program_id']}-{'fwd' if it['direction'] == 'forward' else 'bwd'}-"
        if not it['id'].startswith(want) or (it['label'] == 'faithful') != (it['error'] is None):
            errs.append('id/label mismatch')
        if it['error'] and it['error']['quote'] not in rat:
            errs.append('error quote not in rationale')
        last = rat.strip().splitlines()[-1]
        if not (last.startswith('Answer:') or last.startswith('Predicted Output:')):
            errs.append('no final Answer line')
        elif last.split(':', 1)[1].strip() != it['answer']:
            errs.append('answer field differs from Answer line')
        ekind = it['error']['kind'] if it['error'] else None
        carried = bool(it['error'] and it['error'].get('carried'))
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == result
        else:
            try:
                ans_ok = repr(eval(it['answer'], ns)) == it['returned']
            except Exception:
                ans_ok = False
        if ekind in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                errs.append('error answer is actually right')
        elif not ans_ok and not carried:
            errs.append('answer wrong')
        # claims
        equote = it['error']['quote'] if it['error'] else None
        found_err = ekind in ('wrong_final_answer', 'backward_wrong_input')
        for c in it['claims']:
            n_claims += 1
            if c['quote'] not in rat:
                errs.append(f'quote not in rationale: {c["quote"]!r}')
                continue
            ok, why = check_claim(c, ctx)
            is_err = equote is not None and (c['quote'] == equote or equote in c['quote'] or c['quote'] in equote) \
                and ekind not in ('wrong_final_answer', 'backward_wrong_input')
            if is_err:
                # claims overlapping the error quote: at least one must be false
                if not ok:
                    found_err = True
            elif not ok and not carried:
                errs.append(f'false claim {c["quote"]!r} = {c["value"]} ({why})')
        if it['error']:
            if equote not in rat:
                errs.append('error quote not in rationale')
            if not found_err:
                errs.append('no FALSE claim matches error quote (error is not false)')
            fid = it['faithful_id']
            if fid not in by_id:
                errs.append('faithful_id missing')
        for e in errs:
            fails.append(f'{it["id"]}: {e}')
    lines = [f'items: {len(items)}', f'claims checked: {n_claims}', f'failures: {len(fails)}'] + fails
    lines.append('RESULT: ' + ('PASS' if not fails else 'FAIL'))
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    return 0 if not fails else 1


if __name__ == '__main__':
    sys.exit(main())
