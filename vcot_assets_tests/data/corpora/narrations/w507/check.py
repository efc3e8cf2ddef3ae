"""Standalone checker for w507 narrations: runs each program under sys.settrace, records
per-variable value histories (locals and self.<attr>) and per-line execution counts, then checks
faithful claims are true and each error copy's stated value is false at the point it refers to.
Error location specs (which history index / line / expression an error refers to) are in
error_specs.json, written alongside the narrations."""
import ast, copy, json, re, sys
from collections import defaultdict

COND = {  # comparison quotes that are not plain expressions -> (expression, needs program vars?)
    "not tok is True": ("not ''", ),
    "`n % 2 == 0 and n > 0` is false": ("3 % 2 == 0 and 3 > 0",),
    "`'3'.isalpha()` returns False": ("'3'.isalpha()",),
    "`'3'.isalpha()` returns True": ("'3'.isalpha()",),
    "`hi == lo` was False": ("3 == 10",),
    "the guard `if '=' not in part` is False": ("'=' not in 'host = db1'",),
    "`k.startswith('#')` returns False": ("'host'.startswith('#')",),
    "`k.startswith('#')` returns True": ("'#port'.startswith('#')",),
    "`'=' not in part` is True": ("'=' not in ''",),
    "`'K'.isalpha()` is True": ("'K'.isalpha()",),
    "`not code or not code[0].isalpha()` is False": ("not 'K84' or not 'K'.isalpha()",),
    "`num % 7 == 0` is True": ("84 % 7 == 0",),
    "(1 == 1)": ("1 == 1",), "(4 == 4)": ("4 == 4",),
    "`who in self.taken` is True": ("'kim' in {'kim': 0, 'lu': 1}",),
    "`who in self.taken` is False": ("'kim' in {'kim': 0, 'lu': 1}",),
    "`not self.free` is True with": ("not []",),
    "but `not self.free` is True": ("not []",),
    "`(a + r) % 3 == 0` held here": ("(6 + 3) % 3 == 0",),
    "`(3 + 2) % 3 == 0` was False": ("(3 + 2) % 3 == 0",),
    "`clean and ...` is False": ("'' and ''[0].isupper()",),
    "while `depth == 0` is True": ("0 == 0",),
    "because `depth == 0` is False": ("1 == 0",),
    "because `depth == 0` is True": ("1 == 0",),
}

def run(code, call):
    hist = defaultdict(list); lines = defaultdict(int)
    atline = defaultdict(list)   # (var, line) -> values of var each time that line is about to run
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            else:
                rec(k, v)
    def rec(k, v):
        try: v = copy.deepcopy(v)
        except Exception: return
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>': return None
        def local(frame, event, arg):
            if event == 'line':
                snap(frame); lines[frame.f_lineno] += 1
                for k, v in frame.f_locals.items():
                    if k != 'self':
                        try: atline[(k, frame.f_lineno)].append(copy.deepcopy(v))
                        except Exception: pass
            elif event == 'return':
                snap(frame)
            return local
        return local(frame, event, arg)
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, '<call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    for (k, ln), vs in atline.items():
        hist[f'{k}@line {ln}'] = vs
    return ret, hist, lines

def lit(s): return ast.literal_eval(s)

def elem_hist(hist, var):
    m = re.fullmatch(r'(\w[\w.]*)\[(\d+)\]', var)
    if not m: return None
    out = []
    for h in hist.get(m.group(1), []):
        try: x = h[int(m.group(2))]
        except Exception: continue
        if not out or out[-1] != x: out.append(x)
    return out

def arith_val(quote):
    q = quote.replace('`', '')
    lhs = re.split(r' = | is ', q)[0]
    return eval(lhs, {})

def cmp_val(quote):
    if quote in COND: return bool(eval(COND[quote][0], {}))
    q = quote.replace('`', '')
    q = re.sub(r'\s+((is|was) (true|false|True|False)|holds|held|returns (True|False)).*$', '', q)
    return bool(eval(q, {}))

def count_of(var, lines, hist=None):
    m = re.search(r'line (\d+)', var or '')
    if m and '@' in var and not var.startswith('loop@'): return len(hist[var])
    if m: return lines[int(m.group(1))]
    return len(hist[var])   # loop variable: number of values it takes

def claim_ok(c, ret, hist, lines):
    w, v = c['what'], c['value']
    if w == 'return': return lit(v) == ret
    if w == 'arith': return arith_val(c['quote']) == lit(v)
    if w == 'comparison': return cmp_val(c['quote']) == lit(v)
    if w == 'count': return count_of(c['variable'], lines, hist) == lit(v)
    if w == 'value':
        val = lit(v); var = c['variable']
        eh = elem_hist(hist, var)
        h = eh if eh is not None else hist.get(var, [])
        if '@line' in var and not var.startswith('loop@'):
            return h == val if isinstance(val, list) else val in h
        if val in h: return True
        if isinstance(val, list) and val and not isinstance(val[0], (list, tuple, dict)):
            # summarised sequence: a contiguous run of the variable's successive values
            n = len(val)
            if any(h[k:k + n] == val for k in range(len(h))): return True
        return False
    return False

def all_values(hist):
    s = []
    for h in hist.values():
        for x in h:
            s.append(x)
            if isinstance(x, (list, tuple)): s.extend(x)
            if isinstance(x, dict): s.extend(x.values())
    return s

def main():
    specs = json.load(open('error_specs.json'))
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails = 0; lines_out = []
    for it in items:
        ret, hist, lines = run(it['code'], it['call'])
        probs = []
        if repr(ret) != it['returned']: probs.append(f"returned {ret!r} != {it['returned']}")
        ans = it['rationale'].rstrip().splitlines()[-1]
        if ans != 'Answer: ' + it['answer']: probs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']: probs.append('quote missing: ' + c['quote'])
        if it['label'] == 'faithful':
            for c in it['claims']:
                try: ok = claim_ok(c, ret, hist, lines)
                except Exception as e: ok = False
                if not ok: probs.append('false claim: ' + json.dumps(c))
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: probs.append('forward answer wrong')
            else:
                ns = {}; exec(it['code'], ns)
                if eval(it['answer'], ns) != ret: probs.append('backward answer does not reproduce')
        else:
            e = it['error']; sp = specs[it['id']]; st = e['stated']
            if e['quote'] not in it['rationale']: probs.append('error quote missing')
            t = sp[0]
            if t == 'arith': bad = arith_val(e['quote']) != lit(st)
            elif t == 'count': bad = lines[sp[1]] != lit(st)
            elif t == 'point': bad = hist[sp[1]][sp[2]] != lit(st) and hist[sp[1]][sp[2]] == lit(e['actual'])
            elif t == 'elem': 
                eh = elem_hist(hist, f"{sp[1]}[{sp[2]}]"); bad = eh[sp[3]] != lit(st) and eh[sp[3]] == lit(e['actual'])
            elif t == 'final': bad = hist[sp[1]][-1] != lit(st)
            elif t == 'never': bad = lit(st) not in hist[sp[1]]
            elif t == 'atline':
                h = hist[f"{sp[1]}@line {sp[2]}"]; bad = h[sp[3]] != lit(st) and h[sp[3]] == lit(e['actual'])
            elif t == 'nvals': bad = len(hist[sp[1]]) != lit(st)
            elif t == 'expr': bad = eval(sp[1], {}) != lit(st)
            elif t == 'cond': bad = bool(eval(sp[1], {})) != lit(st)
            elif t == 'answer':
                if it['direction'] == 'forward': bad = lit(it['answer']) != ret
                else:
                    ns = {}; exec(it['code'], ns); got = eval(it['answer'], ns)
                    bad = got != ret and repr(got) == e['actual']
            else: bad = False
            if not bad: probs.append(f'error not false at its point ({sp})')
            if e.get('held_elsewhere'):
                if lit(st) not in all_values(hist): probs.append('held_elsewhere but value never held')
            # other claims in the copy must still be true
            for c in it['claims']:
                if c['quote'] == e['quote']: continue
                try: ok = claim_ok(c, ret, hist, lines)
                except Exception: ok = False
                if not ok: probs.append('other claim false: ' + json.dumps(c))
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        lines_out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, events={it['trace_events']})" + ''.join('\n    ' + p for p in probs))
    lines_out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print('\n'.join(lines_out))
    return 1 if fails else 0

if __name__ == '__main__':
    sys.exit(main())
