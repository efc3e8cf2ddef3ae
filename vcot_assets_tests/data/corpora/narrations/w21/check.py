#!/usr/bin/env python3
"""Standalone checker for w21 narrations: runs each program with sys.settrace and
checks annotated claims against the real execution. Usage: python3 check.py [narrations.jsonl]"""
import sys, json, copy, re, ast

WORDS = {'zero':0,'one':1,'two':2,'three':3,'four':4,'five':5,'six':6,'seven':7,'eight':8,
 'nine':9,'ten':10,'eleven':11,'twelve':12,'thirteen':13,'fourteen':14,'fifteen':15,
 'sixteen':16,'seventeen':17,'eighteen':18,'nineteen':19,'twenty':20,'thirty':30,'forty':40,
 'fifty':50,'sixty':60,'seventy':70,'eighty':80,'ninety':90}

def words_to_digits(s):
    def rep(m):
        w = m.group(0).lower()
        parts = re.split(r'[- ]', w)
        return str(sum(WORDS[p] for p in parts))
    pat = r'\b(?:' + '|'.join(sorted(WORDS, key=len, reverse=True)) + r')(?:[- ](?:' + '|'.join(WORDS) + r'))?\b'
    s = re.sub(pat, rep, s, flags=re.I)
    s = s.replace('negative ', '-').replace('minus', '-').replace('times', '*').replace('plus', '+')
    s = s.replace(' mod ', ' % ').replace('×', '*').replace('−', '-')
    return s

def safe_copy(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

class Run:
    def __init__(self, code, call):
        self.code = code
        self.snaps = []          # list of (lineno, event, namespace)
        self.line_hits = {}
        self.g = {'__name__': 'program'}
        exec(compile(code, '<program>', 'exec'), self.g)
        self.returned = self._run(call)

    def _snap(self, frame, event):
        ns = {}
        for k, v in frame.f_locals.items():
            ns[k] = safe_copy(v)
            d = getattr(v, '__dict__', None)
            if isinstance(d, dict) and not callable(v) and not isinstance(v, type(sys)):
                for a, av in d.items():
                    ns[k + '.' + a] = safe_copy(av)
        return ns

    def _tracer(self, frame, event, arg):
        if frame.f_code.co_filename != '<program>':
            return None
        if event == 'line':
            ln = frame.f_lineno
            self.line_hits[ln] = self.line_hits.get(ln, 0) + 1
            self.snaps.append((ln, self.line_hits[ln], self._snap(frame, event)))
        elif event == 'return':
            self.snaps.append((frame.f_lineno, -1, self._snap(frame, event)))
        return self._tracer

    def _run(self, call):
        sys.settrace(self._tracer)
        try:
            r = eval(call, self.g)
        finally:
            sys.settrace(None)
        return r

    def eval_in(self, expr, where=None):
        """All values expr takes over snapshots (optionally only line L / hit k)."""
        out = []
        for ln, hit, ns in self.snaps:
            if where is not None:
                L, K = where
                if ln != L or (K is not None and hit != K):
                    continue
            env = dict(self.g)
            env.update({k: v for k, v in ns.items() if '.' not in k})
            try:
                if expr in ns:
                    out.append(ns[expr]); continue
                # attribute-style names like self.free
                e2 = expr
                for k in sorted(ns, key=len, reverse=True):
                    if '.' in k and k in e2:
                        env['__a%d' % len(env)] = ns[k]
                        e2 = e2.replace(k, '__a%d' % (len(env) - 1))
                out.append(eval(e2, env))
            except Exception:
                pass
        return out

def parse_var(v):
    m = re.match(r'^(.*?)@(\d+)(?:#(\d+))?$', v)
    if m and not v.startswith('loop@'):
        return m.group(1), (int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    return v, None

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return eval(s)

def check_arith(quote, value):
    s = words_to_digits(quote.replace('`', '').replace('**', '^^')).replace('^^', '**')
    s = s.rstrip('.,;: ')
    m = re.split(r'\s*(?<![=!<>])=(?!=)\s*|\s+is\s+|\s+gives\s+|\s+equals\s+|\s*→\s*|\s+makes\s+', s)
    lhs = m[-2] if len(m) >= 2 else s
    lhs = re.sub(r'(?i)shifting\s+', '', lhs).replace(' left by ', ' << ').replace(' right by ', ' >> ')
    env = {'abs': abs, 'ord': ord, 'chr': chr, 'len': len, 'min': min, 'max': max, 'list': list,
           'range': range, 'sum': sum, 'int': int, 'str': str, 'sorted': sorted, 'divmod': divmod}
    toks = lhs.split()
    got = None; err = None
    for i in range(len(toks)):
        try:
            got = eval(' '.join(toks[i:]), env); err = None
            break
        except Exception as e:
            err = e
    if err is not None:
        return None, 'cannot eval %r (%s)' % (lhs, err)
    return got == lit(value), 'eval(%r)=%r vs stated %s' % (lhs, got, value)

def check_comparison(run, c):
    var = c.get('variable')
    want = lit(c['value'])
    if var:
        expr, where = parse_var(var)
        vals = run.eval_in(expr, where)
        if not vals:
            return None, 'comparison %r never evaluable' % var
        return (want in vals), '%r takes %s' % (var, sorted(set(map(repr, vals))))
    s = words_to_digits(c['quote'].replace('`', ''))
    s = s.replace('is greater than or equal to', '>=').replace('is less than or equal to', '<=')
    s = s.replace('is greater than', '>').replace('is less than', '<').replace('is bigger than', '>')
    s = s.replace('is smaller than', '<').replace('is not equal to', '!=').replace('is equal to', '==')
    m = re.search(r"(-?[\w'\"]+)\s*(<=|>=|==|!=|<|>)\s*(-?[\w'\"]+)", s)
    if not m:
        return None, 'cannot parse comparison %r' % c['quote']
    try:
        got = eval(m.group(0))
    except Exception as e:
        return None, 'cannot eval %r' % m.group(0)
    return got == want, 'eval(%r)=%r' % (m.group(0), got)

def check_claim(run, item, c):
    w = c['what']
    if w == 'arith':
        return check_arith(c['quote'], c['value'])
    if w == 'return':
        return run.returned == lit(c['value']), 'returned %r' % (run.returned,)
    if w == 'count':
        m = re.match(r'loop@line (\d+)', c['variable'] or '')
        if not m:
            return None, 'bad count label'
        n = run.line_hits.get(int(m.group(1)), 0)
        return n == lit(c['value']), 'line %s ran %d times' % (m.group(1), n)
    if w == 'comparison':
        return check_comparison(run, c)
    if w in ('value', 'call'):
        expr, where = parse_var(c['variable'])
        vals = run.eval_in(expr, where)
        want = lit(c['value'])
        return (want in vals), '%r values %s' % (expr, [repr(v) for v in vals][:12])
    return None, 'unknown what'

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it['id']: it for it in items}
    bad = 0
    lines = []
    for it in items:
        probs = []
        run = Run(it['code'], it['call'])
        if repr(run.returned) != it['returned']:
            probs.append('returned mismatch %r vs %s' % (run.returned, it['returned']))
        if not it['rationale'].rstrip().endswith('Answer: ' + it['answer']) and \
           ('Answer: ' + it['answer']) not in it['rationale'].splitlines()[-1]:
            probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
        # answer correctness
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == run.returned
        else:
            try:
                r2 = Run(it['code'], it['answer']).returned
                ans_ok = r2 == run.returned
            except Exception as e:
                ans_ok = False
        res = [(c,) + check_claim(run, it, c) for c in it['claims']]
        if it['label'] == 'faithful':
            if not ans_ok:
                probs.append('faithful answer wrong')
            for c, ok, why in res:
                if ok is not True:
                    probs.append('claim failed: %r %s' % (c['quote'], why))
        else:
            e = it['error']; k = e['kind']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            f = byid.get(it['faithful_id'])
            if f is None:
                probs.append('no faithful')
            err_claims = [c for c in it['claims'] if c['quote'] in e['quote'] or e['quote'] in c['quote']]
            others_bad = [(c, why) for c, ok, why in res if ok is not True and c not in err_claims]
            if others_bad and not e.get('carried'):
                probs.append('non-error claims fail: %s' % others_bad)
            if k == 'wrong_final_answer':
                if ans_ok: probs.append('wrong_final_answer but answer correct')
            elif k == 'backward_wrong_input':
                if ans_ok: probs.append('backward_wrong_input but call returns output')
            elif k == 'swapped_variables':
                vc = [c for c in err_claims if c['what'] == 'value']
                joint = False
                for ln, hit, ns in run.snaps:
                    if all(ns.get(c['variable'], object()) == lit(c['value']) for c in vc):
                        joint = True
                if len(vc) < 2 or joint:
                    probs.append('swapped state occurs or <2 claims')
                if not ans_ok: probs.append('answer broken')
            else:
                if not err_claims:
                    probs.append('no claim for error')
                elif all(ok is True for c, ok, why in res if c in err_claims):
                    probs.append('error claim is actually true: %s' % [why for c, ok, why in res if c in err_claims])
                if not ans_ok and not e.get('carried'):
                    probs.append('answer wrong in non-answer error')
        if it['label'] == 'error' and not probs:
            k = it['error']['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                note = 'answer %s does not give %r' % (it['answer'], run.returned)
            elif k == 'swapped_variables':
                note = 'joint state never occurs'
            else:
                note = '; '.join(why for c, ok, why in res if c in err_claims and ok is not True)
            probs_note = ' [error confirmed: %s: %s]' % (k, note)
        else:
            probs_note = ''
        status = 'OK' if not probs else 'FAIL'
        if probs: bad += 1
        lines.append('%s %s %s%s' % (status, it['id'], '; '.join(probs), probs_note))
    lines.append('TOTAL %d items, %d failing' % (len(items), bad))
    print('\n'.join(lines))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl') else 0)
