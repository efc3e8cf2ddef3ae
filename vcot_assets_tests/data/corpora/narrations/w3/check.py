"""Standalone checker for the w3 narration corpus.

Runs every program itself under sys.settrace (no corpus/tool code is used), records each frame's
variable values at every line/return event, and checks each item of narrations.jsonl:
  * the call really returns `returned`;
  * forward: `answer` equals the return value; backward: evaluating `answer` returns the output;
  * every claim of a faithful item is true of the execution;
  * for error copies: the error claim (or the answer) IS false, the other (non-carried) claims true.

Claim check specs (claim_specs.jsonl, aligned with each item's claims; written by build.py):
  var=VAL            var (a name, `self.attr`, or an expression over the frame's locals) equals VAL
                     at some point of the execution
  var@L#k=VAL        ... right after the k-th execution (chronological, 1-based) of line L
  var@<L#k=VAL       ... just before the k-th execution of line L
  =VAL               VAL is held by some variable at some point (or returned)
  #loop@line N=C     the loop whose header is line N iterates C times in total
  #loop@line N#k=C   ... C times during its k-th entry
  #line N=C          line N is executed C times in total
  ?EXPR=B            EXPR (literal comparison) evaluates to B
  ?EXPR@L#k=B        EXPR evaluated in the frame state just before the k-th execution of line L
  !EXPR=VAL          inline arithmetic EXPR evaluates to VAL
  ret:F=VAL/call:F=VAL  function/method F returns VAL in some call
  seq:var[@L]=v1;v2;..#i  the values are a contiguous run of var's history (successive distinct
                     values; with @L: sampled after each execution of line L); sub: = subsequence
  ANS                the forward Answer line equals the return value
"""
import ast, builtins, copy, json, os, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
MISSING = object()


def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return MISSING


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    try:
        if type(a) in (list, tuple) and type(b) in (list, tuple) and type(a) is not type(b):
            return False
        return bool(a == b)
    except Exception:
        return False


def matches(val_text, actual):
    v = lit(val_text)
    if v is MISSING:
        return repr(actual) == val_text
    return same(v, actual)


class Run:
    def __init__(self, code, call):
        self.code = code
        self.tree = ast.parse(code)
        ns = {}
        exec(compile(code, '<prog>', 'exec'), ns)
        self.ns = ns
        self.events = []          # (serial, func, kind, line, snapshot)
        self.rets = []            # (func, value)
        serials = {}
        counter = [0]

        def snap(frame):
            d = {}
            for k, v in frame.f_locals.items():
                try:
                    d[k] = copy.deepcopy(v)
                except Exception:
                    d[k] = v
                if k == 'self' and hasattr(v, '__dict__'):
                    for a, av in vars(v).items():
                        try:
                            d['self.' + a] = copy.deepcopy(av)
                        except Exception:
                            d['self.' + a] = av
            return d

        def tracer(frame, event, arg):
            if frame.f_code.co_filename != '<prog>':
                return None
            if event == 'call':
                counter[0] += 1
                serials[id(frame)] = counter[0]
            s = serials.get(id(frame))
            if event in ('line', 'return'):
                self.events.append((s, frame.f_code.co_name, event, frame.f_lineno, snap(frame)))
            if event == 'return':
                try:
                    self.rets.append((frame.f_code.co_name, copy.deepcopy(arg)))
                except Exception:
                    self.rets.append((frame.f_code.co_name, arg))
            return tracer

        sys.settrace(tracer)
        try:
            self.result = eval(compile(call, '<call>', 'eval'), ns)
        finally:
            sys.settrace(None)
        self.byframe = defaultdict(list)
        for i, ev in enumerate(self.events):
            self.byframe[ev[0]].append(i)

    # -- helpers
    def ev(self, expr, snap):
        if expr in snap:
            return snap[expr]
        try:
            return eval(expr, {'__builtins__': builtins}, dict(snap))
        except Exception:
            return MISSING

    def kth_line(self, L, k):
        n = 0
        for i, ev in enumerate(self.events):
            if ev[2] == 'line' and ev[3] == L:
                n += 1
                if n == k:
                    return i
        return None

    def after(self, i):
        fr = self.events[i][0]
        idxs = self.byframe[fr]
        j = idxs.index(i)
        return self.events[idxs[j + 1]][4] if j + 1 < len(idxs) else None

    def history(self, var, L=None):
        h = []
        if L is None:
            for ev in self.events:
                v = self.ev(var, ev[4])
                if v is MISSING:
                    continue
                if not h or not same(h[-1], v):
                    h.append(v)
        else:
            for i, ev in enumerate(self.events):
                if ev[2] == 'line' and ev[3] == L:
                    s = self.after(i)
                    if s is not None:
                        v = self.ev(var, s)
                        if v is not MISSING:
                            h.append(v)
        return h

    def loop_counts(self, N):
        node = None
        for n in ast.walk(self.tree):
            if isinstance(n, (ast.For, ast.While)) and n.lineno == N:
                node = n
        if node is None:
            raise ValueError('no loop at line %d' % N)
        lo = node.body[0].lineno
        hi = max(getattr(s, 'end_lineno', s.lineno) for s in node.body)
        entries = []       # iteration counts per entry, chronological
        order = []
        for fr, idxs in self.byframe.items():
            lines = [(i, self.events[i][3]) for i in idxs if self.events[i][2] == 'line']
            for j, (i, ln) in enumerate(lines):
                if ln != N:
                    continue
                prev = lines[j - 1][1] if j > 0 else None
                if prev is None or not (lo <= prev <= hi or prev == N):
                    order.append([i, 0])
                nxt = lines[j + 1][1] if j + 1 < len(lines) else None
                if nxt is not None and lo <= nxt <= hi:
                    order[-1][1] += 1
        order.sort()
        return [c for _, c in order]

    # -- claim checks: return (ok, detail)
    def check(self, spec, claim, item):
        what = claim['what']
        if spec == 'ANS':
            return matches(item['answer'], self.result), 'answer %s vs %r' % (item['answer'], self.result)
        if spec.startswith('#'):
            lab, val = spec[1:].rsplit('=', 1)
            lab = lab.strip()
            if lab.startswith('line '):
                c = sum(1 for ev in self.events if ev[2] == 'line' and ev[3] == int(lab[5:]))
                return c == int(val), 'line count %s' % c
            assert lab.startswith('loop@line ')
            rest = lab[len('loop@line '):]
            if '#' in rest:
                N, k = rest.split('#')
                counts = self.loop_counts(int(N))
                c = counts[int(k) - 1] if int(k) - 1 < len(counts) else None
            else:
                c = sum(self.loop_counts(int(rest)))
            return c == int(val), 'count %s' % c
        if spec.startswith('?'):
            body, val = spec[1:].rsplit('=', 1)
            want = lit(val)
            if '@' in body:
                expr, pos = body.rsplit('@', 1)
                L, k = pos.split('#')
                i = self.kth_line(int(L), int(k))
                if i is None:
                    return False, 'line %s#%s never ran' % (L, k)
                got = self.ev(expr, self.events[i][4])
            else:
                got = eval(body, {'__builtins__': builtins})
            return same(bool(got), want), 'cmp got %r' % (got,)
        if spec.startswith('!'):
            body, val = spec[1:].rsplit('=', 1)
            expr = body or claim['quote'].rsplit('=', 1)[0]
            got = eval(expr, {'__builtins__': builtins})
            return matches(val, got), 'arith got %r' % (got,)
        if spec.startswith('ret:') or spec.startswith('call:'):
            fn, val = spec.split(':', 1)[1].split('=', 1)
            vals = [v for f, v in self.rets if f == fn]
            return any(matches(val, v) for v in vals), 'returns of %s: %r' % (fn, vals[:8])
        if spec.startswith('seq:') or spec.startswith('sub:'):
            pre, rest = spec.split(':', 1)
            rest, _idx = rest.rsplit('#', 1)
            var, vals = rest.split('=', 1)
            L = None
            if '@' in var:
                var, L = var.split('@'); L = int(L)
            want = [lit(v.strip()) for v in vals.split(';')]
            h = self.history(var, L)
            if pre == 'seq':
                ok = any(all(same(want[j], h[s + j]) for j in range(len(want)))
                         for s in range(len(h) - len(want) + 1))
            else:
                pos = 0
                for v in h:
                    if pos < len(want) and same(want[pos], v):
                        pos += 1
                ok = pos == len(want)
            return ok, 'history %r' % (h[:40],)
        # value
        var, val = spec.split('=', 1)
        if '@' in var:
            var, pos = var.split('@')
            before = pos.startswith('<')
            L, k = pos.lstrip('<').split('#')
            i = self.kth_line(int(L), int(k))
            if i is None:
                return False, 'line never ran'
            s = self.events[i][4] if before else self.after(i)
            got = self.ev(var, s) if s is not None else MISSING
            return (got is not MISSING and matches(val, got)), 'at %s#%s: %r' % (L, k, got)
        if var == '':
            for ev in self.events:
                for v in ev[4].values():
                    if matches(val, v):
                        return True, 'held somewhere'
            if any(matches(val, v) for _, v in self.rets):
                return True, 'returned somewhere'
            return False, 'never held'
        h = self.history(var)
        return any(matches(val, v) for v in h), 'history %r' % (h[:40],)


def main():
    items = [json.loads(l) for l in open(os.path.join(HERE, 'narrations.jsonl'))]
    specs = {json.loads(l)['id']: json.loads(l)['specs'] for l in open(os.path.join(HERE, 'claim_specs.jsonl'))}
    runs = {}
    report = []
    n_ok = n_bad = n_claims = 0
    for it in items:
        key = it['program_id']
        if key not in runs:
            runs[key] = Run(it['code'], it['call'])
        r = runs[key]
        problems = []
        if repr(r.result) != it['returned']:
            problems.append('returned mismatch %r vs %s' % (r.result, it['returned']))
        sp = specs[it['id']]
        if len(sp) != len(it['claims']):
            problems.append('spec/claim count mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                problems.append('quote not in rationale: %r' % c['quote'])
        # answer
        if it['direction'] == 'forward':
            ans_ok = matches(it['answer'], r.result)
        else:
            try:
                fresh = Run(it['code'], it['answer'])
                ans_ok = repr(fresh.result) == it['returned']
            except Exception as ex:
                ans_ok = False
        err = it['error']
        answer_err = err is not None and err['kind'] in ('wrong_final_answer', 'backward_wrong_input')
        if answer_err:
            if ans_ok:
                problems.append('answer error not false: %s' % it['answer'])
        elif not ans_ok and not (err is not None and err['carried']):
            problems.append('answer wrong: %s' % it['answer'])
        # claims
        groups = defaultdict(list)
        for c, s in zip(it['claims'], sp):
            n_claims += 1
            role = s['role']
            if role == 'carried':
                continue
            spec = s['spec']
            try:
                ok, detail = r.check(spec, c, it)
            except Exception as ex:
                ok, detail = False, 'exception %r' % ex
            if spec.startswith('seq:') or spec.startswith('sub:'):
                groups[spec.rsplit('#', 1)[0]].append((role, ok, detail, c))
                continue
            if role == 'error':
                if ok:
                    problems.append('error claim is actually TRUE: %r (%s)' % (c['quote'], detail))
            elif not ok:
                problems.append('claim false: %r %s=%s (%s)' % (c['quote'], c['variable'], c['value'], detail))
        for g, lst in groups.items():
            is_err = any(role == 'error' for role, *_ in lst)
            ok = lst[0][1]
            if is_err and ok:
                problems.append('error sequence is actually TRUE: %r' % lst[0][3]['quote'])
            if not is_err and not ok:
                problems.append('sequence false: %r (%s)' % (lst[0][3]['quote'], lst[0][2]))
        if err is not None and not answer_err:
            if not any(s['role'] == 'error' for s in sp):
                problems.append('error copy has no error claim')
            if err['quote'] not in it['rationale']:
                problems.append('error quote not in rationale')
        if err is not None and it['rationale'].count(err['quote']) != 1:
            problems.append('error quote does not occur exactly once')
        for c in it['claims']:
            if c['what'] != 'count' and lit(c['value']) is MISSING:
                problems.append('claim value is not a Python literal: %r' % c['value'])
        if problems:
            n_bad += 1
            report.append('FAIL %s\n  ' % it['id'] + '\n  '.join(problems))
        else:
            n_ok += 1
            report.append('ok   %s  (%d claims)' % (it['id'], len(it['claims'])))
    summary = 'SUMMARY: %d items, %d pass, %d fail, %d claims checked, %d programs run' % (
        len(items), n_ok, n_bad, n_claims, len(runs))
    report.append(summary)
    with open(os.path.join(HERE, 'check_report.txt'), 'w') as f:
        f.write('\n'.join(report) + '\n')
    for line in report:
        if not line.startswith('ok'):
            print(line)


if __name__ == '__main__':
    main()
