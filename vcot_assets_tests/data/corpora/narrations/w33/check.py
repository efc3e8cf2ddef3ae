#!/usr/bin/env python3
"""Standalone checker for w33 narrations: runs each program under sys.settrace and verifies
returned values, faithful claims, answers, and that error copies really contain a false claim.
Conventions: count claims use variable 'loop@line N' (N = 1-based line of the for/while header;
count = number of passes from the header line to the body's first line, whole execution) or
'calls@NAME' (number of calls of function NAME). value/call claims: variable is a name
(local or 'self.attr') whose value history must contain the value, or an expression evaluated
against every recorded frame state; null variable = value seen anywhere. comparison claims:
quote is the condition (backticks/`if`/`while` stripped); literal conditions are evaluated
directly, others against recorded states at every line event. arith: quote is an expression,
optionally 'expr = result'; the expression is evaluated. return: the top call's value, or
the values returned by the function named in variable."""
import ast, copy, json, re, sys

def snap(frame):
    d = {}
    for k, v in frame.f_locals.items():
        try:
            d[k] = copy.deepcopy(v)
        except Exception:
            d[k] = v
    s = frame.f_locals.get('self')
    if s is not None and hasattr(s, '__dict__'):
        for k, v in vars(s).items():
            try:
                d['self.' + k] = copy.deepcopy(v)
            except Exception:
                d['self.' + k] = v
    return d

class Run:
    def __init__(self, code, call):
        self.snaps, self.lines, self.calls, self.returns = [], {}, {}, {}
        self.trans, last = {}, {}
        ns = {'__name__': 'program'}
        exec(compile(code, '<prog>', 'exec'), ns)
        self.ns = ns
        def tracer(frame, event, arg):
            if frame.f_code.co_filename != '<prog>':
                return None
            name = frame.f_code.co_name
            if event == 'call':
                self.calls[name] = self.calls.get(name, 0) + 1
            if event == 'line':
                self.lines[frame.f_lineno] = self.lines.get(frame.f_lineno, 0) + 1
                key = (last.get(id(frame)), frame.f_lineno)
                self.trans[key] = self.trans.get(key, 0) + 1
                last[id(frame)] = frame.f_lineno
            if event == 'return':
                last.pop(id(frame), None)
            if event == 'return':
                self.returns.setdefault(name, []).append(copy.deepcopy(arg))
            self.snaps.append((name, frame.f_lineno, event, snap(frame)))
            return tracer
        sys.settrace(tracer)
        try:
            self.result = eval(call, ns)
        finally:
            sys.settrace(None)
        self.hist = {}
        for _, _, _, d in self.snaps:
            for k, v in d.items():
                self.hist.setdefault(k, []).append(v)
        self.code_lines = code.split('\n')

    def body_line(self, n):
        hdr = self.code_lines[n - 1]
        ind = len(hdr) - len(hdr.lstrip())
        for j in range(n, len(self.code_lines)):
            t = self.code_lines[j]
            if t.strip():
                assert len(t) - len(t.lstrip()) > ind, ('no body after', n)
                return j + 1
        raise AssertionError('no body')

    def eval_states(self, expr):
        out = []
        for _, _, ev, d in self.snaps:
            env = dict(self.ns)
            env.update({k: v for k, v in d.items() if '.' not in k})
            try:
                out.append(eval(expr, env))
            except Exception:
                pass
        return out

def lit(s):
    return ast.literal_eval(s)

def clean(q):
    m = re.search(r'`([^`]+)`', q)
    q = m.group(1) if m else re.split(r' (?:is|holds|fails)\b', q)[0]
    q = q.strip()
    q = re.sub(r'^(if|while|elif)\s+', '', q)
    return q.rstrip(':').strip()

def has_name(expr):
    try:
        t = ast.parse(expr, mode='eval')
    except SyntaxError:
        return True
    return any(isinstance(n, ast.Name) for n in ast.walk(t))

def check_claim(c, run):
    what, var, val = c['what'], c.get('variable'), lit(c['value'])
    if what in ('value', 'call'):
        if var is None:
            return any(val == v for h in run.hist.values() for v in h) or \
                   any(val == v for h in run.returns.values() for v in h)
        seen = run.hist[var] if var in run.hist else run.eval_states(var)
        if any(val == v for v in seen):
            return True
        if isinstance(val, list) and val:
            # summarised sequence: the values must be taken in this order
            i = 0
            for v in seen:
                if i < len(val) and v == val[i]:
                    i += 1
            return i == len(val)
        return False
    if what == 'count':
        if var.startswith('loop@line'):
            n = int(var.split()[-1])
            # iterations = times control passes from the header to the body's first line
            return run.trans.get((n, run.body_line(n)), 0) == val
        if var.startswith('calls@'):
            return run.calls.get(var[6:], 0) == val
        raise ValueError(var)
    if what == 'comparison':
        expr = clean(c['quote'])
        if not has_name(expr):
            return bool(eval(expr)) == val
        return val in [bool(x) for x in run.eval_states(expr)]
    if what == 'arith':
        expr = c['quote'].replace('`', '').strip()
        m = list(re.finditer(r'(?<![=!<>])=(?!=)', expr))
        if m:
            expr = expr[:m[-1].start()].strip()
        elif ' is ' in expr:
            expr = expr.split(' is ')[0].strip()
        got = eval(expr) if not has_name(expr) else run.eval_states(expr)
        if isinstance(got, list):
            return val in got
        return got == val or (isinstance(got, float) and abs(got - val) < 1e-9)
    if what == 'return':
        if var and var in run.returns:
            return any(val == v for v in run.returns[var])
        return val == run.result
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    runs, fails, lines = {}, 0, []
    for it in items:
        errs = []
        key = (it['code'], it['call'])
        if key not in runs:
            runs[key] = Run(it['code'], it['call'])
        run = runs[key]
        if repr(run.result) != it['returned']:
            errs.append('returned mismatch %r' % run.result)
        last = it['rationale'].rstrip().split('\n')[-1]
        if it['answer'] not in last:
            errs.append('answer not in last line')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote missing: %r' % c['quote'])
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == run.result
        else:
            try:
                ans_ok = repr(eval(it['answer'], dict(Run(it['code'], 'None').ns))) == it['returned']
            except Exception as e:
                ans_ok = False
        err = it['error']
        if it['label'] == 'faithful':
            if not ans_ok:
                errs.append('answer wrong')
            for c in it['claims']:
                try:
                    ok = check_claim(c, run)
                except Exception as e:
                    ok = False
                if not ok:
                    errs.append('false claim: %r' % (c,))
        else:
            if err['quote'] not in it['rationale']:
                errs.append('error quote missing')
            if err['stated'] == err['actual']:
                errs.append('stated == actual')
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok:
                    errs.append('erroneous answer is actually right')
                ec = []
            else:
                if not ans_ok and not err['carried']:
                    errs.append('answer wrong in error copy of kind %s' % err['kind'])
                ec = [c for c in it['claims'] if c['quote'] in err['quote'] or err['quote'] in c['quote']]
                if not ec:
                    errs.append('no claim for error')
                for c in ec:
                    try:
                        if check_claim(c, run):
                            errs.append('error claim is true: %r' % (c,))
                    except Exception as e:
                        pass  # unevaluable wrong claim counts as false
            if not err['carried']:
                for c in it['claims']:
                    if c in ec:
                        continue
                    try:
                        ok = check_claim(c, run)
                    except Exception:
                        ok = False
                    if not ok:
                        errs.append('other claim false: %r' % (c,))
        status = 'PASS' if not errs else 'FAIL'
        fails += bool(errs)
        lines.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    lines.append('TOTAL %d items, %d failures' % (len(items), fails))
    print('\n'.join(lines))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
