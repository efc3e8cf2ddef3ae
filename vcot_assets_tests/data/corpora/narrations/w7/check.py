#!/usr/bin/env python3
"""Standalone checker for w7 narrations (no tool code, no trace script).

Per item: executes the program with sys.settrace, records every frame's locals at every
line/return event (deep copies), counts line executions, then verifies:
  * `returned` equals repr of the real return value;
  * faithful items: every claim is true of the execution;
  * forward answer == return value; backward answer call really returns the output;
  * error copies: the claim(s) whose quote equals error.quote are FALSE of the execution (or the answer
    is wrong for wrong_final_answer / backward_wrong_input); non-error claims are true unless
    the error is marked carried.
Claim semantics:
  value/call : `variable` is a name or Python expression (e.g. self.items, len(parts), (lo, hi));
               true if it evaluates to `value` in at least one recorded snapshot.
  count      : `variable` is "loop@line N" -> number of times line N (1-based in code) ran;
               "calls@NAME" -> number of calls of function NAME.
  comparison : the quote (backticks stripped, number words / 'is less than' etc. turned into
               digits / operators) is evaluated; if it names variables, over snapshots.
  arith      : the quote is 'expr = result' (or just expr); expr must evaluate to `value`.
  return     : value equals the return value.
"""
import ast, builtins, copy, json, re, sys

WORDS = {'zero':0,'one':1,'two':2,'three':3,'four':4,'five':5,'six':6,'seven':7,'eight':8,
         'nine':9,'ten':10,'eleven':11,'twelve':12,'thirteen':13,'fourteen':14,'fifteen':15,
         'sixteen':16,'seventeen':17,'eighteen':18,'nineteen':19,'twenty':20,'thirty':30,
         'forty':40,'fifty':50,'sixty':60,'seventy':70,'eighty':80,'ninety':90}
OPS = [(' is greater than or equal to ', ' >= '), (' is less than or equal to ', ' <= '),
       (' is at least ', ' >= '), (' is at most ', ' <= '),
       (' is greater than ', ' > '), (' is less than ', ' < '), (' is bigger than ', ' > '),
       (' is smaller than ', ' < '), (' equals ', ' == '), (' is not equal to ', ' != '),
       (' does not equal ', ' != '), (' is above ', ' > '), (' is below ', ' < '),
       (' exceeds ', ' > ')]

def words_to_digits(s):
    def num(m):
        parts = re.split(r'[- ]', m.group(0).lower())
        neg = 1
        total = 0
        for p in parts:
            if p == 'negative' or p == 'minus':
                neg = -1
            elif p == 'hundred':
                total = (total or 1) * 100
            elif p == 'and':
                pass
            else:
                total += WORDS[p]
        return str(neg * total)
    w = '|'.join(sorted(WORDS, key=len, reverse=True))
    pat = r'\b(?:(?:negative|minus) )?(?:%s)(?:[- ](?:hundred|and|%s))*\b' % (w, w)
    return re.sub(pat, num, s, flags=re.I)

def normalize(q):
    q = q.replace('`', '').replace('×', '*').replace('−', '-').replace('≤', '<=').replace('≥', '>=')
    q = words_to_digits(q)
    q = re.sub(r'\s+(is (true|false|True|False)|holds|fails|returns (True|False)|is not true)\W*$', '', q.strip())
    for a, b in OPS:
        q = q.replace(a, b)
    return q.strip().rstrip('.,:;')

class Run:
    def __init__(self, code, call):
        self.snaps = []          # (func, lineno, locals-copy)
        self.lines = {}          # lineno -> count
        self.calls = {}          # func name -> count
        self.ns = {'__name__': 'w7prog'}
        exec(compile(code, '<w7prog>', 'exec'), self.ns)
        sys.settrace(self._global)
        try:
            self.result = eval(compile(call, '<w7call>', 'eval'), self.ns)
        finally:
            sys.settrace(None)

    def _copy(self, f):
        d = {}
        for k, v in f.f_locals.items():
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
        return d

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != '<w7prog>':
            return None
        name = frame.f_code.co_name
        self.calls[name] = self.calls.get(name, 0) + 1
        return self._local

    def _local(self, frame, event, arg):
        if event == 'line':
            self.lines[frame.f_lineno] = self.lines.get(frame.f_lineno, 0) + 1
            self.snaps.append((frame.f_code.co_name, frame.f_lineno, self._copy(frame)))
        elif event == 'return':
            d = self._copy(frame)
            self.snaps.append((frame.f_code.co_name, frame.f_lineno, d))
        return self._local

    def evals(self, expr):
        code = compile(expr, '<claim>', 'eval')
        out = []
        for fn, ln, env in self.snaps:
            try:
                out.append(eval(code, dict(self.ns), dict(env)))
            except Exception:
                pass
        return out

def lit(v):
    return ast.literal_eval(v)

def has_names(expr):
    try:
        tree = ast.parse(expr, mode='eval')
    except SyntaxError:
        return None
    return any(isinstance(n, ast.Name) for n in ast.walk(tree))

def eq(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def claim_truth(run, c):
    """Return True if the claim holds for the execution, False if not; raises on malformed."""
    what, var, val = c['what'], c.get('variable'), c['value']
    if what in ('value', 'call'):
        target = lit(val)
        return any(eq(x, target) for x in run.evals(var))
    if what == 'count':
        n = lit(val)
        m = re.fullmatch(r'loop@line (\d+)', var)
        if m:
            return run.lines.get(int(m.group(1)), 0) == n
        m = re.fullmatch(r'calls@(\w+)', var)
        if m:
            return run.calls.get(m.group(1), 0) == n
        raise ValueError('bad count variable %r' % var)
    if what == 'comparison':
        expr = normalize(var) if var else normalize(c['quote'])
        target = lit(val)
        hn = has_names(expr)
        if hn is None:
            raise ValueError('comparison not parseable: %r' % expr)
        if hn:
            return any(x is target or x == target for x in run.evals(expr))
        return eval(expr, {}) == target
    if what == 'arith':
        expr = normalize(c['quote'].replace(' is ', ' = ').replace(' gives ', ' = '))
        parts = re.split(r'(?<![=<>!])=(?!=)', expr)
        expr = parts[-2] if len(parts) >= 2 else parts[0]
        expr = expr.strip()
        return eq(eval(expr, {'__builtins__': builtins}), lit(val)) or eval(expr, {}) == lit(val)
    if what == 'return':
        return eq(run.result, lit(val))
    raise ValueError('unknown what %r' % what)

KEYS = ['id', 'program_id', 'code', 'call', 'function', 'returned', 'kind', 'trace_events', 'direction',
        'style', 'family', 'rationale', 'answer', 'label', 'faithful_id', 'error', 'claims']
STYLES = {'paper', 'steps', 'paragraphs', 'loop_summary', 'number_words', 'restated_code'}
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill'}
KINDS = {'wrong_arithmetic', 'off_by_one_loop_count', 'branch_not_taken', 'wrong_loop_summary_value',
         'impossible_state', 'wrong_final_answer', 'backward_wrong_input', 'wrong_intermediate_right_answer',
         'swapped_variables'}
WHATS = {'value', 'count', 'comparison', 'arith', 'return', 'call'}

def schema(it):
    p = []
    for k in KEYS:
        if k not in it:
            p.append('missing key %s' % k)
    if p:
        return p
    d = 'fwd' if it['direction'] == 'forward' else 'bwd'
    tail = 'faithful' if it['label'] == 'faithful' else None
    if not re.fullmatch(r'w7-\d+', it['program_id']):
        p.append('bad program_id')
    if it['label'] == 'faithful':
        if it['id'] != '%s-%s-faithful' % (it['program_id'], d) or it['error'] is not None or it['faithful_id'] is not None:
            p.append('bad faithful id/error/faithful_id')
    else:
        if not re.fullmatch(re.escape('%s-%s-' % (it['program_id'], d)) + r'e[123]', it['id']):
            p.append('bad error id')
        e = it['error'] or {}
        if e.get('kind') not in KINDS or not all(k in e for k in ('quote', 'stated', 'actual', 'carried')):
            p.append('bad error object')
    if it['style'] not in STYLES: p.append('bad style')
    if it['family'] not in FAMILIES: p.append('bad family')
    if it['kind'] not in ('function', 'class'): p.append('bad kind')
    if it['direction'] not in ('forward', 'backward'): p.append('bad direction')
    for c in it['claims']:
        if c.get('what') not in WHATS or 'quote' not in c or 'value' not in c or 'variable' not in c:
            p.append('bad claim %r' % c)
    return p

def check_item(it):
    probs = schema(it)
    rat = it['rationale']
    run = Run(it['code'], it['call'])
    if repr(run.result) != it['returned']:
        probs.append('returned mismatch: %r vs %s' % (run.result, it['returned']))
    if not rat.rstrip().splitlines()[-1].startswith('Answer:') and 'Predicted Output:' not in rat.rstrip().splitlines()[-1]:
        probs.append('last line is not an Answer line')
    if it['answer'] not in rat.rstrip().splitlines()[-1]:
        probs.append('answer not on last line')
    # answer correctness
    if it['direction'] == 'forward':
        try:
            ans_ok = eq(lit(it['answer']), run.result)
        except Exception as e:
            ans_ok = False
    else:
        if not it['answer'].startswith(it['function'] + '(') and not re.match(r'\w+\(.*\)\.' + it['function'] + r'\(', it['answer']):
            probs.append('backward answer does not call %s' % it['function'])
        try:
            r2 = Run(it['code'], it['answer'])
            ans_ok = repr(r2.result) == it['returned']
        except Exception as e:
            ans_ok = False
    err = it['error']
    err_claims = []
    if err:
        if err['quote'] not in rat:
            probs.append('error quote not in rationale')
        err_claims = [c for c in it['claims'] if c['quote'] == err['quote']]
    for c in it['claims']:
        if c['quote'] not in rat:
            probs.append('claim quote not in rationale: %r' % c['quote'])
            continue
        if c in err_claims:
            continue
        try:
            ok = claim_truth(run, c)
        except Exception as e:
            probs.append('claim error %r: %s' % (c['quote'], e))
            continue
        if not ok and not (err and err.get('carried')):
            probs.append('false claim: %r (%s=%s)' % (c['quote'], c.get('variable'), c['value']))
    if it['label'] == 'faithful':
        if not ans_ok:
            probs.append('faithful answer wrong: %s' % it['answer'])
    else:
        k = err['kind']
        if k in ('wrong_final_answer', 'backward_wrong_input'):
            if ans_ok:
                probs.append('error answer is actually right')
            if k == 'wrong_final_answer' and it['direction'] != 'forward':
                probs.append('wrong_final_answer on backward item')
            if k == 'backward_wrong_input' and it['direction'] != 'backward':
                probs.append('backward_wrong_input on forward item')
        else:
            if not ans_ok and k != 'wrong_final_answer':
                # an intermediate error may not change the final answer
                if k == 'wrong_intermediate_right_answer' or not err.get('carried'):
                    probs.append('answer wrong in a %s copy' % k)
            if not err_claims:
                probs.append('no claim inside error quote')
            if k == 'swapped_variables':
                vals = [c for c in err_claims if c['what'] == 'value']
                if len(vals) < 2:
                    probs.append('swapped needs two value claims')
                else:
                    expr = '(' + ', '.join(c['variable'] for c in vals) + ',)'
                    target = tuple(lit(c['value']) for c in vals)
                    if any(x == target for x in run.evals(expr)):
                        probs.append('swapped pair actually occurs')
            else:
                for c in err_claims:
                    try:
                        if claim_truth(run, c):
                            probs.append('error claim is TRUE: %r' % c['quote'])
                    except Exception as e:
                        probs.append('error claim check failed %r: %s' % (c['quote'], e))
    return probs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    bad = 0
    out = []
    byid = {it['id']: it for it in items}
    for it in items:
        if it['id'] in ids:
            out.append('%s: duplicate id' % it['id']); bad += 1
        ids.add(it['id'])
        if it['label'] == 'error' and it['faithful_id'] not in byid:
            out.append('%s: faithful_id missing' % it['id']); bad += 1
        try:
            probs = check_item(it)
        except Exception as e:
            probs = ['crash: %r' % e]
        if probs:
            bad += 1
            out.append('FAIL %s: %s' % (it['id'], '; '.join(probs)))
        else:
            out.append('ok   %s (%d claims)' % (it['id'], len(it['claims'])))
    # probe: every error copy, relabelled as faithful, must fail the faithful checks
    probe_ok = 0
    nerr = 0
    for it in items:
        if it['label'] != 'error':
            continue
        nerr += 1
        fake = dict(it, label='faithful', error=None, faithful_id=None,
                    id=it['program_id'] + ('-fwd' if it['direction'] == 'forward' else '-bwd') + '-faithful')
        try:
            p = check_item(fake)
        except Exception as e:
            p = ['crash %r' % e]
        if p:
            probe_ok += 1
        else:
            bad += 1
            out.append('FAIL %s: error copy passes as faithful (error not detectable)' % it['id'])
    out.append('')
    out.append('probe: %d/%d error copies fail when checked as faithful' % (probe_ok, nerr))
    out.append('%d items, %d failing' % (len(items), bad))
    print('\n'.join(out))
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'))
