#!/usr/bin/env python3
# Lists the functions of 80 lines or more under the given directories (Rust sources), longest
# first, and their count. With --max N, exits 1 when there are more than N (a gate of
# scripts/gates.sh on shipped code: the core, the bindings, the command line).
import re,sys,os
def fns(path):
    lines=open(path).read().split('\n')
    out=[]
    i=0
    in_test=False
    while i<len(lines):
        l=lines[i]
        m=re.match(r'\s*(pub(\([a-z]+\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)',l)
        if m:
            # find opening brace
            j=i; depth=0; started=False
            while j<len(lines):
                s=re.sub(r'"(\\.|[^"\\])*"','""',lines[j])
                s=re.sub(r"'(\\.|[^'\\])'","''",s)
                s=s.split('//')[0]
                for ch in s:
                    if ch=='{': depth+=1; started=True
                    elif ch=='}': depth-=1
                if started and depth<=0: break
                if not started and s.rstrip().endswith(';'): break
                j+=1
            if started: out.append((j-i+1,m.group(6),i+1))
            i+=1
            continue
        i+=1
    return out
args=sys.argv[1:]
limit=None
if '--max' in args:
    i=args.index('--max'); limit=int(args[i+1]); del args[i:i+2]
roots=args
res=[]
for r in roots:
    for dp,dn,fnames in os.walk(r):
        for f in fnames:
            if f.endswith('.rs'):
                p=os.path.join(dp,f)
                for n,name,line in fns(p): res.append((n,f"{p}:{line} {name}"))
long=[x for x in res if x[0]>=80]
for n,w in sorted(long,reverse=True): print(n,w)
print(len(long),'functions of 80+ lines' + ('' if limit is None else f' (at most {limit})'))
if limit is not None and len(long)>limit:
    sys.exit(1)
