#!/usr/bin/env python3
"""Standalone checker for w16 narrations: re-executes every program with sys.settrace
and checks returned values, claims, answers, and that error copies really are wrong."""
import ast, copy, json, re, sys
from collections import defaultdict

HERE = '/work/corpus/narrations/w16/'
FNAME = '<w16prog>'


class Run:
    def __init__(self, code, call):
        self.snaps = []            # (lineno, event, env)
        self.hits = defaultdict(list)   # lineno -> indices into snaps
        ns = {'__name__': 'w16prog'}
        exec(compile(code, FNAME, 'exec'), ns)
        self.ns = ns

        def snap_env(frame):
            env = {}
            for k, v in frame.f_locals.items():
                try:
                    env[k] = copy.deepcopy(v)
                except Exception:
                    env[k] = v
            return env

        def tracer(frame, event, arg):
            if frame.f_code.co_filename != FNAME:
                return tracer
            if event in ('line', 'return'):
                env = snap_env(frame)
                if event == 'return':
                    env['__return__'] = arg
                self.snaps.append((frame.f_lineno, event, frame.f_code.co_name, env))
                if event == 'line':
                    self.hits[frame.f_lineno].append(len(self.snaps) - 1)
            return tracer

        sys.settrace(tracer)
        try:
            self.result = eval(compile(call, FNAME + 'call', 'eval'), ns)
        finally:
            sys.settrace(None)

    def ev(self, expr, env):
        return eval(expr, {'__builtins__': __builtins__}, dict(env))

    def env_at(self, at):
        line, hit = at
        idxs = self.hits.get(line, [])
        if not idxs:
            raise KeyError('line %d never runs' % line)
        return self.snaps[idxs[hit - 1 if hit > 0 else hit]][3]

    def values_of(self, expr, func=None, only_line=None, after=None):
        out = []
        first = 0
        if after:
            idxs = self.hits[after[0]]
            first = idxs[after[1] - 1 if after[1] > 0 else after[1]]
        for line, event, fn, env in self.snaps[first:]:
            if func and fn != func:
                continue
            if only_line and (line != only_line or event != 'line'):
                continue
            try:
                out.append(self.ev(expr, env))
            except Exception:
                continue
        return out


def lit(s):
    return ast.literal_eval(s)


def eq(a, b):
    try:
        return a == b and type(a) in (type(b), int, float, bool) or repr(a) == repr(b)
    except Exception:
        return False


def arith_ok(quote, value):
    q = quote.replace('`', '').strip()
    m = re.match(r'^(.*?)(?:\s+is\s+|\s*(?<![=<>!])=(?!=)\s*)([^=]*)$', q)
    if not m:
        raise ValueError('cannot parse arith quote %r' % quote)
    left = m.group(1).replace('×', '*').replace('−', '-')
    return eq(eval(left, {}), lit(value))


def subseq(small, big):
    it = iter(big)
    return all(any(eq(x, y) for y in it) for x in small)


def claim_true(c, run):
    what = c['what']
    val = lit(c['value'])
    if what == 'return':
        return eq(run.result, val)
    if what == 'arith':
        return arith_ok(c['quote'], c['value'])
    if what == 'count':
        var = c['variable']
        m = re.match(r'loop@line (\d+)', var)
        line = int(m.group(1)) if m else int(c['line'])
        idxs = run.hits.get(line, [])
        if 'within' in c:
            wl, wh = c['within']
            starts = run.hits[wl]
            s = starts[wh - 1 if wh > 0 else wh]
            later = [i for i in starts if i > s]
            e = later[0] if later else len(run.snaps)
            idxs = [i for i in idxs if s < i < e]
        return len(idxs) == val
    expr = c.get('expr') or c['variable']
    if c.get('seq'):
        hist = []
        for v in run.values_of(expr, c.get('func'), c.get('line'), c.get('after')):
            if c.get('raw') or not hist or not eq(hist[-1], v):
                hist.append(v)
        return subseq(val, hist)
    if 'at' in c:
        try:
            return eq(run.ev(expr, run.env_at(c['at'])), val)
        except Exception:
            return False
    return any(eq(v, val) for v in run.values_of(expr, c.get('func'), c.get('line'), c.get('after')))


def main():
    progs = {}
    for l in open(HERE + 'programs.jsonl'):
        p = json.loads(l)
        progs[p['id']] = p
    items = [json.loads(l) for l in open(HERE + 'narrations.jsonl')]
    runs = {}
    fails = []
    nclaims = 0
    byid = {it['id']: it for it in items}
    for it in items:
        iid = it['id']
        def bad(msg):
            fails.append('%s: %s' % (iid, msg))
        key = (it['code'], it['call'])
        if key not in runs:
            runs[key] = Run(*key)
        run = runs[key]
        if repr(run.result) != it['returned']:
            bad('returned mismatch %r vs %r' % (run.result, it['returned']))
        p = progs.get(it['program_id'])
        if p is None or p['code'] != it['code'] or p['call'] != it['call']:
            bad('program record mismatch')
        elif len(p['events']) != it['trace_events']:
            bad('trace_events mismatch')
        text = it['rationale']
        last = text.rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            bad('last line is not the Answer line: %r' % last)
        err = it['error']
        ekind = err['kind'] if err else None
        # answer check
        if it['direction'] == 'forward':
            try:
                ok = eq(lit(it['answer']), run.result)
            except Exception:
                ok = False
            if ok != (ekind != 'wrong_final_answer'):
                bad('forward answer check failed (%s)' % it['answer'])
        else:
            if not it['answer'].startswith(it['function'] + '(') and not it['answer'].startswith(it['call'].split('(')[0] + '('):
                bad('backward answer does not call the function')
            try:
                r = Run(it['code'], it['answer'])
                ok = repr(r.result) == it['returned']
            except Exception:
                ok = False
            if ok != (ekind != 'backward_wrong_input'):
                bad('backward answer check failed (%s)' % it['answer'])
        if err:
            if err['quote'] not in text:
                bad('error quote not in rationale')
            if it['faithful_id'] not in byid:
                bad('faithful_id missing')
            if ekind in ('wrong_final_answer', 'backward_wrong_input') and err['stated'] not in text:
                bad('stated answer not in text')
        for c in it['claims']:
            nclaims += 1
            if c['quote'] not in text:
                bad('claim quote not in text: %r' % c['quote'])
                continue
            try:
                t = claim_true(c, run)
            except Exception as ex:
                bad('claim error %r: %s' % (c['quote'], ex))
                continue
            if c.get('wrong'):
                if t:
                    bad('error claim is actually TRUE: %r' % c['quote'])
            elif not t:
                bad('claim FALSE: %r (%s=%s)' % (c['quote'], c.get('expr') or c['variable'], c['value']))
        if err and ekind not in ('wrong_final_answer', 'backward_wrong_input'):
            if not any(c.get('wrong') for c in it['claims']):
                bad('error item has no wrong claim')
        if not err and any(c.get('wrong') for c in it['claims']):
            bad('faithful item has wrong claim')
    out = []
    out.append('items: %d  programs: %d  claims checked: %d' % (len(items), len(runs), nclaims))
    out.append('failures: %d' % len(fails))
    out.extend(fails)
    out.append('RESULT: ' + ('PASS' if not fails else 'FAIL'))
    rep = '\n'.join(out) + '\n'
    open(HERE + 'check_report.txt', 'w').write(rep)
    print(rep)
    return 0 if not fails else 1


if __name__ == '__main__':
    sys.exit(main())
