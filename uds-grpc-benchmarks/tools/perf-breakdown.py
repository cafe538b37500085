#!/usr/bin/env python3
"""Sums a `perf script -F comm,tid,ip,sym,dso` dump of the benchmark JVM into where its CPU time went.

Each sample is put in one bucket: kernel samples by the system call or kernel path found in their stack (socket
read or write, futex, epoll_wait, ...), user samples by the package of their innermost Java frame (needs
`jcmd PID Compiler.perfmap` before `perf script`, so that JIT-compiled frames have names), or by library.
Usage: perf-breakdown.py perf-script.txt   (see docs/benchmarks/where-the-time-goes.md for the whole recipe)
"""
import collections
import sys
samples=[];cur=None
for line in open(sys.argv[1]):
    if not line.strip():
        if cur: samples.append(cur); cur=None
        continue
    if not line.startswith((' ','\t')):
        cur={'head':line.strip(),'frames':[]}
    else:
        cur['frames'].append(line.strip())
if cur: samples.append(cur)
N=len(samples)
def kcat(frames):
    names=' '.join(f.split()[1] if len(f.split())>1 else '' for f in frames)
    for key,cat in [('unix_stream_sendmsg','kernel: socket write (unix_stream_sendmsg, incl. waking the reader)'),
                    ('tcp_sendmsg','kernel: socket write (tcp)'),
                    ('unix_stream_read','kernel: socket read (unix_stream_recvmsg)'),
                    ('tcp_recvmsg','kernel: socket read (tcp)'),
                    ('futex','kernel: futex (park/unpark of threads)'),
                    ('ep_poll','kernel: epoll_wait (incl. going to sleep / waking)'),
                    ('do_epoll','kernel: epoll_wait (incl. going to sleep / waking)'),
                    ('eventfd','kernel: eventfd (waking an event loop)'),
                    ('sysvec','kernel: interrupts/timers'),('irq','kernel: interrupts/timers'),
                    ('schedule','kernel: scheduler (other)'),('exit_to_user','kernel: return to user (fpu restore etc.)')]:
        if key in names: return cat
    return 'kernel: other'
def ucat(frames):
    for f in frames:
        if '[unknown]' in f: continue
        if any('ResourceLeakDetector' in g for g in frames[:12]): return 'java: Netty leak detector sampling (1/128 buffers)'
        if 'perf-' in f and '.map' in f:
            sym=f
            for pkg,cat in [('ResourceLeakDetector','java: Netty leak detector sampling (1/128 buffers)'),
                            ('io.netty.handler.codec.http2','java: Netty HTTP/2 codec (frames, HPACK)'),
                            ('io.netty.buffer','java: Netty buffers (allocator, ByteBuf)'),
                            ('io.netty.util.Recycler','java: Netty buffers (allocator, ByteBuf)'),
                            ('io.netty.channel.epoll','java: Netty epoll transport'),
                            ('io.netty','java: Netty pipeline, promises, event loop'),
                            ('io.grpc.stub','java: grpc-java stubs (blocking call, ThreadlessExecutor)'),
                            ('io.grpc','java: grpc-java core/netty (calls, streams, metadata, deframer)'),
                            ('com.google.protobuf','java: protobuf'),
                            ('io.github.udsgrpc','java: benchmark loop'),('org.HdrHistogram','java: benchmark loop'),
                            ('java.','java: JDK'),('jdk.','java: JDK'),('sun.','java: JDK')]:
                if pkg in sym: return cat
            return 'java: other'
        if 'libjvm' in f: return 'JVM runtime (libjvm: GC, compiler, safepoints, intrinsics)'
        if 'libc' in f or 'vdso' in f: return 'libc/vdso (syscall wrappers, clock_gettime)'
        if 'libnetty' in f: return 'Netty native (JNI epoll/socket wrappers)'
        return 'native other: '+f.split('(')[-1][:40]
    return 'unknown'
cats=collections.Counter(); threads=collections.Counter(); tk=collections.Counter()
for s in samples:
    comm=s['head'].split()[0]
    role='caller (main)' if comm in ('main','java') else ('grpc executor' if 'default-ex' in comm or 'executor' in comm else ('event loops' if 'grpc' in comm or 'epoll' in comm.lower() else comm))
    threads[role]+=1
    fr=s['frames']
    kernel = fr and '[kernel.kallsyms]' in fr[0]
    c = kcat(fr) if kernel else ucat(fr)
    cats[c]+=1; tk[(role,'kernel' if kernel else 'user')]+=1
print('samples',N)
print('by thread:', ', '.join(f'{k} {100*v/N:.0f}%' for k,v in threads.most_common(8)))
print('kernel/user by thread:', ', '.join(f'{k[0]}/{k[1]} {100*v/N:.0f}%' for k,v in tk.most_common(8)))
tot_k=sum(v for k,v in cats.items() if k.startswith('kernel'))
print(f'kernel total {100*tot_k/N:.0f}%')
for k,v in cats.most_common(30): print(f'{100*v/N:5.1f}%  {k}')
