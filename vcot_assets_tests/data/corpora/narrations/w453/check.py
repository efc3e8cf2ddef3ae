"""Standalone checker for w453 narrations: re-executes each program under sys.settrace,
records per-variable value histories and per-line hit counts, and checks claims/errors."""
import json, sys, copy, ast
from collections import defaultdict, Counter

def run(code, call):
    hist = defaultdict(list); lines = Counter(); ns = {}
    hist['__at_line__'] = defaultdict(list)
    exec(compile(code, '<prog>', 'exec'), ns)
    def snap(frame, ev):
        items = {}
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    items['self.' + a] = av
            else:
                items[k] = v
        snapd = {}
        for k, v in items.items():
            try:
                snapd[k] = copy.deepcopy(ast.literal_eval(repr(v)))
            except Exception:
                pass
        if ev == 'line':
            hist['__at_line__'][frame.f_lineno].append(snapd)
        for k, v in items.items():
            try:
                r = ast.literal_eval(repr(v))
            except Exception:
                continue
            h = hist[k]
            if not h or h[-1] != r:
                h.append(copy.deepcopy(r))
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event in ('line', 'return'):
            snap(frame, event)
        if event == 'line':
            lines[frame.f_lineno] += 1
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, lines, ns

def var_hist(hist, name):
    if name in hist:
        return hist[name]
    if '[' in name:  # e.g. self.slots[3]
        base, sub = name.split('[', 1)
        idx = int(sub.rstrip(']'))
        out = []
        for v in hist.get(base, []):
            try:
                x = v[idx]
            except Exception:
                continue
            if not out or out[-1] != x:
                out.append(x)
        return out
    return []

def claim_ok(c, ctx):
    res, hist, lines, ns = ctx
    what = c['what']; val = ast.literal_eval(c['value']) if what != 'call' else None
    if what == 'value':
        h = var_hist(hist, c['variable'])
        if c.get('seq') and 'at_line' in c:
            h = [sd[c['variable']] for sd in hist['__at_line__'][c['at_line']] if c['variable'] in sd]
        if c.get('seq'):
            # contiguous run inside the history
            L = len(val)
            return any(h[i:i + L] == val for i in range(len(h) - L + 1))
        if 'index' in c:
            try:
                return h[c['index']] == val
            except IndexError:
                return False
        return val in h
    if what == 'count':
        ln = int(c['variable'].split('line')[1])
        return lines[ln] == val
    if what in ('arith', 'comparison'):
        return eval(c.get('expr', c['quote'].strip('`'))) == val
    if what == 'return':
        return res == val
    if what == 'call':
        return eval(c['quote'], ns) == res
    raise ValueError(what)

def held_elsewhere_ok(item, ctx):
    # the stated wrong value is one the program does hold at another point
    res, hist, lines, ns = ctx
    st = ast.literal_eval(item['error']['stated'])
    allvals = [v for k, h in hist.items() if k != '__at_line__' for v in h]
    return st in allvals or any(isinstance(v, list) and st in v for v in allvals)

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails = 0; lines_out = []
    for it in items:
        probs = []
        ctx = run(it['code'], it['call'])
        res = ctx[0]
        if repr(res) != it['returned']:
            probs.append('returned mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote missing: ' + c['quote'])
            ok = claim_ok(c, ctx)
            if it['label'] == 'faithful' or not c.get('erroneous'):
                if not ok:
                    probs.append('false claim: ' + c['quote'])
            else:
                if ok:
                    probs.append('error claim is actually true: ' + c['quote'])
        last = it['rationale'].strip().splitlines()[-1]
        if not last.startswith('Answer: ') or last[len('Answer: '):].strip() != it['answer']:
            probs.append('answer line mismatch')
        ns = ctx[3]
        if it['direction'] == 'forward':
            good = ast.literal_eval(it['answer']) == res
        else:
            good = eval(it['answer'], ns) == res
        ek = it['error']['kind'] if it['error'] else None
        if ek in ('wrong_final_answer', 'backward_wrong_input'):
            if good: probs.append('wrong answer is actually right')
        elif not good:
            probs.append('answer wrong')
        if it['label'] == 'error':
            e = it['error']
            if e['quote'] not in it['rationale']:
                probs.append('error quote missing')
            if not any(c.get('erroneous') for c in it['claims']):
                probs.append('no erroneous claim')
            if e.get('held_elsewhere') and not held_elsewhere_ok(it, ctx):
                probs.append('held_elsewhere value not held anywhere')
        status = 'PASS' if not probs else 'FAIL'
        fails += bool(probs)
        lines_out.append(f"{status} {it['id']} ({it['label']}, {ek}, claims={len(it['claims'])})" + ('' if not probs else ' :: ' + '; '.join(probs)))
    lines_out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print('\n'.join(lines_out))
    return fails

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
