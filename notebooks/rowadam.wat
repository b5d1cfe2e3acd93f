;; Adam on the rows of a table that a step read, four elements at a time.
;;
;; The same float32 operations, in the same order, as tfjs's AdamOptimizer
;; (tfjs-core 4.22, applyGradients), each rounded to float32 as its kernels
;; round them; WebAssembly never fuses a multiply and an add, so a row read at
;; every step gets the bits tfjs's Adam would give it (tested on WASM and CPU):
;;   m ← m·b1 + g·a1                 v ← v·b2 + g²·a2
;;   value ← (m/c1) / (√(v/c2) + eps) · negRate + value
;; with a1 = 1 − b1, a2 = 1 − b2, c1 and c2 one minus the running products of
;; the betas, and negRate = −learning rate, all float32, from the caller.
;;
;; Built into rowadam.wasm.ts by `npm run kernels`.
(module
  (memory (export "memory") 1)

  ;; For k < count: row k of `grad` (float32, count × width) is the gradient of
  ;; table row rows[k] (int32), whose moments are at that row of `m` and `v`
  ;; (float32, table-sized) and whose value is row k of `values` (float32,
  ;; count × width). Pointers are byte offsets into this module's memory.
  (func (export "adamRows")
    (param $count i32) (param $width i32) (param $rows i32)
    (param $m i32) (param $v i32) (param $grad i32) (param $values i32)
    (param $b1 f32) (param $a1 f32) (param $b2 f32) (param $a2 f32)
    (param $c1 f32) (param $c2 f32) (param $eps f32) (param $negRate f32)
    (local $k i32) (local $j i32) (local $rowBytes i32) (local $quadBytes i32)
    (local $mAt i32) (local $vAt i32) (local $out i32)
    (local $g v128) (local $mt v128) (local $vt v128)
    (local $sg f32) (local $smt f32) (local $svt f32)
    (local.set $rowBytes (i32.shl (local.get $width) (i32.const 2)))
    ;; The row's whole groups of four; the last one to three elements take the scalar loop.
    (local.set $quadBytes (i32.shl (i32.and (local.get $width) (i32.const -4)) (i32.const 2)))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $k) (local.get $count)))
        (local.set $mAt (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes)))
        (local.set $vAt (i32.add (local.get $v) (local.get $mAt)))
        (local.set $mAt (i32.add (local.get $m) (local.get $mAt)))
        (local.set $out (i32.mul (local.get $k) (local.get $rowBytes)))
        (local.set $j (i32.const 0))
        (block $quadsDone
          (loop $eachQuad
            (br_if $quadsDone (i32.ge_u (local.get $j) (local.get $quadBytes)))
            (local.set $g (v128.load (i32.add (local.get $grad) (i32.add (local.get $out) (local.get $j)))))
            (local.set $mt (f32x4.add
              (f32x4.mul (v128.load (i32.add (local.get $mAt) (local.get $j))) (f32x4.splat (local.get $b1)))
              (f32x4.mul (local.get $g) (f32x4.splat (local.get $a1)))))
            (local.set $vt (f32x4.add
              (f32x4.mul (v128.load (i32.add (local.get $vAt) (local.get $j))) (f32x4.splat (local.get $b2)))
              (f32x4.mul (f32x4.mul (local.get $g) (local.get $g)) (f32x4.splat (local.get $a2)))))
            (v128.store (i32.add (local.get $mAt) (local.get $j)) (local.get $mt))
            (v128.store (i32.add (local.get $vAt) (local.get $j)) (local.get $vt))
            (v128.store (i32.add (local.get $values) (i32.add (local.get $out) (local.get $j)))
              (f32x4.add
                (f32x4.mul
                  (f32x4.div
                    (f32x4.div (local.get $mt) (f32x4.splat (local.get $c1)))
                    (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vt) (f32x4.splat (local.get $c2)))) (f32x4.splat (local.get $eps))))
                  (f32x4.splat (local.get $negRate)))
                (v128.load (i32.add (local.get $values) (i32.add (local.get $out) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $eachQuad)))
        (block $tailDone
          (loop $eachTail
            (br_if $tailDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
            (local.set $sg (f32.load (i32.add (local.get $grad) (i32.add (local.get $out) (local.get $j)))))
            (local.set $smt (f32.add
              (f32.mul (f32.load (i32.add (local.get $mAt) (local.get $j))) (local.get $b1))
              (f32.mul (local.get $sg) (local.get $a1))))
            (local.set $svt (f32.add
              (f32.mul (f32.load (i32.add (local.get $vAt) (local.get $j))) (local.get $b2))
              (f32.mul (f32.mul (local.get $sg) (local.get $sg)) (local.get $a2))))
            (f32.store (i32.add (local.get $mAt) (local.get $j)) (local.get $smt))
            (f32.store (i32.add (local.get $vAt) (local.get $j)) (local.get $svt))
            (f32.store (i32.add (local.get $values) (i32.add (local.get $out) (local.get $j)))
              (f32.add
                (f32.mul
                  (f32.div
                    (f32.div (local.get $smt) (local.get $c1))
                    (f32.add (f32.sqrt (f32.div (local.get $svt) (local.get $c2))) (local.get $eps)))
                  (local.get $negRate))
                (f32.load (i32.add (local.get $values) (i32.add (local.get $out) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $eachTail)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $eachRow)))))
