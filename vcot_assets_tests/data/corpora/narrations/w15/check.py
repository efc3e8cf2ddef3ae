#!/usr/bin/env python3
"""Standalone checker for the w15 narration corpus.

For every item in narrations.jsonl it re-executes the program call under
sys.settrace (no external tool code), records every variable's value history
per frame (locals, plus attributes of program-defined objects as `name.attr`),
per-frame line sequences (for loop iteration counts) and function return
values, then checks:
  * `returned` equals repr of the real return value;
  * every claim quote is an exact substring of the rationale;
  * faithful items: every claim is true (value taken at some point, joint
    values `a,b` held together in one snapshot, loop counts, arithmetic,
    comparisons, returns, calls); forward answer == return value; backward
    answer call returns the output; the Answer line holds `answer`;
  * error items: the claim quoted in `error` is false, the answer is wrong for
    wrong_final_answer / backward_wrong_input, and all claims shared with the
    faithful version (same quote and value) are still true.
Usage: python3 check.py [narrations.jsonl]  (writes a report to stdout)
"""
import ast, copy, json, re, sys
from collections import defaultdict

SAFE = {'ord': ord, 'chr': chr, 'len': len, 'min': min, 'max': max, 'abs': abs,
        'sum': sum, 'int': int, 'str': str, 'divmod': divmod, 'bin': bin,
        'sorted': sorted, 'round': round, 'True': True, 'False': False}


def same(a, b):
    try:
        if isinstance(a, bool) != isinstance(b, bool):
            return False
        return type(a) == type(b) and a == b or (
            isinstance(a, (int, float)) and isinstance(b, (int, float))
            and not isinstance(a, bool) and a == b)
    except Exception:
        return False


class Run:
    def __init__(self, code, call):
        self.code = code
        self.ns = {'__name__': 'program'}
        exec(compile(code, '<prog>', 'exec'), self.ns)
        self.classes = tuple(v for v in self.ns.values()
                             if isinstance(v, type) and v.__module__ == 'program')
        self.hist = defaultdict(list)      # var -> list of values
        self.snaps = []                    # list of dicts
        self.lines = defaultdict(list)     # frame id -> [(func, line)]
        self.frame_func = {}
        self.returns = defaultdict(list)   # func name -> values
        self.fid = {}
        sys.settrace(self._global)
        try:
            self.result = eval(call, self.ns)
        finally:
            sys.settrace(None)
        self.tree = ast.parse(code)

    def _snap(self, frame):
        d = {}
        for k, v in list(frame.f_locals.items()):
            if k.startswith('.'):
                continue
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
            if self.classes and isinstance(v, self.classes):
                for a, av in vars(v).items():
                    try:
                        d[k + '.' + a] = copy.deepcopy(av)
                    except Exception:
                        d[k + '.' + a] = av
        for k, v in d.items():
            h = self.hist[k]
            if not h or not same(h[-1], v):
                h.append(v)
        self.snaps.append(d)

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        return self._local

    def _local(self, frame, event, arg):
        key = id(frame)
        if key not in self.fid:
            self.fid[key] = len(self.fid)
        fk = (self.fid[key], frame.f_code.co_name)
        if event == 'line':
            self._snap(frame)
            self.lines[fk].append(frame.f_lineno)
        elif event == 'return':
            self._snap(frame)
            self.returns[frame.f_code.co_name].append(copy.deepcopy(arg))
            del self.fid[key]
        return self._local

    # ---- loop counts -------------------------------------------------
    def loop_counts(self, line):
        node = None
        for n in ast.walk(self.tree):
            if isinstance(n, (ast.For, ast.While)) and n.lineno == line:
                node = n
        if node is None:
            raise ValueError('no loop at line %d' % line)
        body0 = node.body[0]
        b, be = body0.lineno, body0.end_lineno
        lo, hi = node.lineno, node.end_lineno
        counts, total = [], 0
        for fk, seq in self.lines.items():
            prev = None
            cur = None
            for ln in seq:
                if ln == lo and (prev is None or not (lo <= prev <= hi)):
                    if cur is not None:
                        counts.append(cur)
                    cur = 0
                if ln == b and cur is not None and (prev is None or not (b <= prev <= be)):
                    cur += 1
                    total += 1
                prev = ln
            if cur is not None:
                counts.append(cur)
        return counts, total


def parse_val(s):
    return ast.literal_eval(s)


def clean(q):
    return q.replace('`', '').replace('**', '').strip()


def arith_eval(quote):
    q = clean(quote)
    q = q.replace('×', '*').replace('−', '-')
    for sep in [' is ', ' gives ', ' equals ', '==>', '→', ' -> ']:
        if sep in q:
            q = q.split(sep)[0]
            break
    else:
        # split at the last single '=' (not part of ==, <=, >=, !=)
        m = list(re.finditer(r'(?<![=<>!])=(?!=)', q))
        if m:
            q = q[:m[-1].start()]
    return eval(q.strip(), {'__builtins__': {}}, dict(SAFE))


def comparison_truth(run, quote):
    ticks = [t for t in re.findall(r'`([^`]*)`', quote) if re.search(r'[<>=!]=|[<>]| in ', t)]
    q = ticks[-1].strip() if ticks else clean(quote)
    q = re.sub(r'\s+(is|holds|fails).*$', '', q)
    try:
        return {eval(q, {'__builtins__': {}}, dict(SAFE))}
    except NameError:
        vals = set()
        for s in run.snaps:
            try:
                vals.add(bool(eval(q, {'__builtins__': {}}, {**SAFE, **s})))
            except Exception:
                pass
        return vals


def claim_true(run, c):
    what = c['what']
    val = parse_val(c['value'])
    var = c.get('variable')
    if what == 'value':
        if var and ',' in var:
            names = [v.strip() for v in var.split(',')]
            for s in run.snaps:
                if all(n in s for n in names) and all(same(s[n], v) for n, v in zip(names, val)):
                    return True
            return False
        if var is None:
            return any(same(v, val) for h in run.hist.values() for v in h)
        return any(same(v, val) for v in run.hist.get(var, []))
    if what == 'count':
        m = re.search(r'line\s*(\d+)', var or '')
        counts, total = run.loop_counts(int(m.group(1)))
        return val in counts or val == total
    if what == 'arith':
        return same(arith_eval(c['quote']), val) or arith_eval(c['quote']) == val
    if what == 'comparison':
        return comparison_truth(run, c['quote']) == {val}
    if what == 'return':
        if var:
            return any(same(v, val) for v in run.returns.get(var, []))
        return same(run.result, val)
    if what == 'call':
        q = clean(c['quote'])
        q = q.split('Answer:')[-1].strip()
        q = re.split(r'\s+(returns|gives|produces)\b', q)[0].strip()
        got = eval(q, dict(run.ns))
        return same(got, val)
    raise ValueError('unknown claim kind ' + what)


def answer_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    for l in reversed(lines):
        if 'Answer:' in l:
            return l.split('Answer:', 1)[1].strip()
    return None


def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it['id']: it for it in items}
    runs = {}
    fails, n_claims = [], 0
    for it in items:
        probs = []
        key = (it['code'], it['call'])
        if key not in runs:
            runs[key] = Run(it['code'], it['call'])
        run = runs[key]
        if repr(run.result) != it['returned']:
            probs.append('returned mismatch %r vs %s' % (run.result, it['returned']))
        text = it['rationale']
        al = answer_line(text)
        if al is None or it['answer'] not in al:
            probs.append('answer %r not in Answer line %r' % (it['answer'], al))
        for c in it['claims']:
            if c['quote'] not in text:
                probs.append('claim quote not in rationale: %r' % c['quote'])
        err = it.get('error')
        if it['label'] == 'faithful':
            for c in it['claims']:
                n_claims += 1
                try:
                    ok = claim_true(run, c)
                except Exception as e:
                    ok = False
                    probs.append('claim error %r: %s' % (c['quote'], e))
                if not ok:
                    probs.append('false claim: %r' % (c,))
            if it['direction'] == 'forward':
                if not same(parse_val(it['answer']), run.result):
                    probs.append('forward answer wrong')
            else:
                got = eval(it['answer'], dict(run.ns))
                if not same(got, run.result):
                    probs.append('backward answer call returns %r' % (got,))
        else:
            fa = byid.get(it['faithful_id'])
            if fa is None:
                probs.append('missing faithful item')
            if err['quote'] not in text:
                probs.append('error quote not in rationale')
            if fa is not None and err['quote'] in fa['rationale'] and err['kind'] not in ('wrong_final_answer', 'backward_wrong_input'):
                probs.append('error quote also in faithful text')
            ec = [c for c in it['claims'] if c['quote'] == err['quote']]
            if not ec and err['kind'] not in ('wrong_final_answer', 'backward_wrong_input', 'off_by_one_loop_count'):
                probs.append('no claim for error quote')
            for c in ec:
                try:
                    t = claim_true(run, c)
                except Exception as e:
                    t = None
                    probs.append('error claim eval failed: %s' % e)
                if t:
                    probs.append('error claim is actually TRUE: %r' % (c,))
            if err['kind'] == 'wrong_final_answer':
                if same(parse_val(it['answer']), run.result):
                    probs.append('wrong_final_answer but answer correct')
            if err['kind'] == 'backward_wrong_input':
                got = eval(it['answer'], dict(run.ns))
                if same(got, run.result):
                    probs.append('backward_wrong_input but call returns output')
            elif it['direction'] == 'backward':
                got = eval(it['answer'], dict(run.ns))
                if not same(got, run.result):
                    probs.append('backward answer wrong in non-answer error copy')
            if it['direction'] == 'forward' and err['kind'] != 'wrong_final_answer':
                if not same(parse_val(it['answer']), run.result):
                    probs.append('forward answer wrong in non-answer error copy')
            if fa is not None:
                shared = {(c['quote'], c['value']) for c in fa['claims']}
                for c in it['claims']:
                    if c['quote'] == err['quote']:
                        continue
                    if (c['quote'], c['value']) in shared:
                        n_claims += 1
                        try:
                            if not claim_true(run, c):
                                probs.append('shared claim false: %r' % (c,))
                        except Exception as e:
                            probs.append('shared claim error %r: %s' % (c['quote'], e))
        status = 'PASS' if not probs else 'FAIL'
        print('%s %s' % (status, it['id']))
        for p in probs:
            print('    - ' + p)
        if probs:
            fails.append(it['id'])
    print()
    print('items: %d  claims checked: %d  failures: %d' % (len(items), n_claims, len(fails)))
    return 1 if fails else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else
                  __file__.rsplit('/', 1)[0] + '/narrations.jsonl'))
