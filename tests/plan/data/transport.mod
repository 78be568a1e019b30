/* Transportation problem (Dantzig), a GMPL model for the plan tests. */
set I;  /* plants */
set J;  /* markets */
param a{i in I};  /* capacity */
param b{j in J};  /* demand */
param d{i in I, j in J};  /* distance in thousands of miles */
param f;  /* freight per case per thousand miles */
param c{i in I, j in J} := f * d[i,j] / 1000;
var x{i in I, j in J} >= 0;
minimize cost: sum{i in I, j in J} c[i,j] * x[i,j];
s.t. supply{i in I}: sum{j in J} x[i,j] <= a[i];
s.t. demand{j in J}: sum{i in I} x[i,j] >= b[j];
end;
