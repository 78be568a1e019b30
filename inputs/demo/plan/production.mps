* Problem:    ecoscale_production_planning
* Class:      LP
* Rows:       206
* Columns:    512
* Non-zeros:  1574
* Format:     Free MPS
*
NAME ecoscale_production_planning
ROWS
 N R0000000
 L cap_pl1_1
 L cap_pl1_2
 L cap_pl1_3
 L cap_pl1_4
 L cap_pl1_5
 L cap_pl1_6
 L cap_pl2_1
 L cap_pl2_2
 L cap_pl2_3
 L cap_pl2_4
 L cap_pl2_5
 L cap_pl2_6
 L cap_pl3_1
 L cap_pl3_2
 L cap_pl3_3
 L cap_pl3_4
 L cap_pl3_5
 L cap_pl3_6
 L overtime_pl1_1
 L overtime_pl1_2
 L overtime_pl1_3
 L overtime_pl1_4
 L overtime_pl1_5
 L overtime_pl1_6
 L overtime_pl2_1
 L overtime_pl2_2
 L overtime_pl2_3
 L overtime_pl2_4
 L overtime_pl2_5
 L overtime_pl2_6
 L overtime_pl3_1
 L overtime_pl3_2
 L overtime_pl3_3
 L overtime_pl3_4
 L overtime_pl3_5
 L overtime_pl3_6
 L storage_pl1_1
 L storage_pl1_2
 L storage_pl1_3
 L storage_pl1_4
 L storage_pl1_5
 L storage_pl1_6
 L storage_pl2_1
 L storage_pl2_2
 L storage_pl2_3
 L storage_pl2_4
 L storage_pl2_5
 L storage_pl2_6
 L storage_pl3_1
 L storage_pl3_2
 L storage_pl3_3
 L storage_pl3_4
 L storage_pl3_5
 L storage_pl3_6
 E balance_pl1_pr1_1
 E balance_pl1_pr1_2
 E balance_pl1_pr1_3
 E balance_pl1_pr1_4
 E balance_pl1_pr1_5
 E balance_pl1_pr1_6
 E balance_pl1_pr2_1
 E balance_pl1_pr2_2
 E balance_pl1_pr2_3
 E balance_pl1_pr2_4
 E balance_pl1_pr2_5
 E balance_pl1_pr2_6
 E balance_pl1_pr3_1
 E balance_pl1_pr3_2
 E balance_pl1_pr3_3
 E balance_pl1_pr3_4
 E balance_pl1_pr3_5
 E balance_pl1_pr3_6
 E balance_pl1_pr4_1
 E balance_pl1_pr4_2
 E balance_pl1_pr4_3
 E balance_pl1_pr4_4
 E balance_pl1_pr4_5
 E balance_pl1_pr4_6
 E balance_pl2_pr1_1
 E balance_pl2_pr1_2
 E balance_pl2_pr1_3
 E balance_pl2_pr1_4
 E balance_pl2_pr1_5
 E balance_pl2_pr1_6
 E balance_pl2_pr2_1
 E balance_pl2_pr2_2
 E balance_pl2_pr2_3
 E balance_pl2_pr2_4
 E balance_pl2_pr2_5
 E balance_pl2_pr2_6
 E balance_pl2_pr3_1
 E balance_pl2_pr3_2
 E balance_pl2_pr3_3
 E balance_pl2_pr3_4
 E balance_pl2_pr3_5
 E balance_pl2_pr3_6
 E balance_pl2_pr4_1
 E balance_pl2_pr4_2
 E balance_pl2_pr4_3
 E balance_pl2_pr4_4
 E balance_pl2_pr4_5
 E balance_pl2_pr4_6
 E balance_pl3_pr1_1
 E balance_pl3_pr1_2
 E balance_pl3_pr1_3
 E balance_pl3_pr1_4
 E balance_pl3_pr1_5
 E balance_pl3_pr1_6
 E balance_pl3_pr2_1
 E balance_pl3_pr2_2
 E balance_pl3_pr2_3
 E balance_pl3_pr2_4
 E balance_pl3_pr2_5
 E balance_pl3_pr2_6
 E balance_pl3_pr3_1
 E balance_pl3_pr3_2
 E balance_pl3_pr3_3
 E balance_pl3_pr3_4
 E balance_pl3_pr3_5
 E balance_pl3_pr3_6
 E balance_pl3_pr4_1
 E balance_pl3_pr4_2
 E balance_pl3_pr4_3
 E balance_pl3_pr4_4
 E balance_pl3_pr4_5
 E balance_pl3_pr4_6
 E demand_rg1_pr1_1
 E demand_rg1_pr1_2
 E demand_rg1_pr1_3
 E demand_rg1_pr1_4
 E demand_rg1_pr1_5
 E demand_rg1_pr1_6
 E demand_rg2_pr1_1
 E demand_rg2_pr1_2
 E demand_rg2_pr1_3
 E demand_rg2_pr1_4
 E demand_rg2_pr1_5
 E demand_rg2_pr1_6
 E demand_rg3_pr1_1
 E demand_rg3_pr1_2
 E demand_rg3_pr1_3
 E demand_rg3_pr1_4
 E demand_rg3_pr1_5
 E demand_rg3_pr1_6
 E demand_rg1_pr2_1
 E demand_rg1_pr2_2
 E demand_rg1_pr2_3
 E demand_rg1_pr2_4
 E demand_rg1_pr2_5
 E demand_rg1_pr2_6
 E demand_rg2_pr2_1
 E demand_rg2_pr2_2
 E demand_rg2_pr2_3
 E demand_rg2_pr2_4
 E demand_rg2_pr2_5
 E demand_rg2_pr2_6
 E demand_rg3_pr2_1
 E demand_rg3_pr2_2
 E demand_rg3_pr2_3
 E demand_rg3_pr2_4
 E demand_rg3_pr2_5
 E demand_rg3_pr2_6
 E demand_rg1_pr3_1
 E demand_rg1_pr3_2
 E demand_rg1_pr3_3
 E demand_rg1_pr3_4
 E demand_rg1_pr3_5
 E demand_rg1_pr3_6
 E demand_rg2_pr3_1
 E demand_rg2_pr3_2
 E demand_rg2_pr3_3
 E demand_rg2_pr3_4
 E demand_rg2_pr3_5
 E demand_rg2_pr3_6
 E demand_rg3_pr3_1
 E demand_rg3_pr3_2
 E demand_rg3_pr3_3
 E demand_rg3_pr3_4
 E demand_rg3_pr3_5
 E demand_rg3_pr3_6
 E demand_rg1_pr4_1
 E demand_rg1_pr4_2
 E demand_rg1_pr4_3
 E demand_rg1_pr4_4
 E demand_rg1_pr4_5
 E demand_rg1_pr4_6
 E demand_rg2_pr4_1
 E demand_rg2_pr4_2
 E demand_rg2_pr4_3
 E demand_rg2_pr4_4
 E demand_rg2_pr4_5
 E demand_rg2_pr4_6
 E demand_rg3_pr4_1
 E demand_rg3_pr4_2
 E demand_rg3_pr4_3
 E demand_rg3_pr4_4
 E demand_rg3_pr4_5
 E demand_rg3_pr4_6
 E energy_def_1
 E energy_def_2
 E energy_def_3
 E energy_def_4
 E energy_def_5
 E energy_def_6
 E energy_total
 E emissions_def
COLUMNS
 make_pl1_pr1_1 R0000000 11.6024 emissions_def 0.00204559
 make_pl1_pr1_1 energy_def_1 0.817215 balance_pl1_pr1_1 1
 make_pl1_pr1_1 cap_pl1_1 1.12117
 make_pl1_pr1_2 R0000000 11.6024 emissions_def 0.00204559
 make_pl1_pr1_2 energy_def_2 0.817215 balance_pl1_pr1_2 1
 make_pl1_pr1_2 cap_pl1_2 1.12117
 make_pl1_pr1_3 R0000000 11.6024 emissions_def 0.00204559
 make_pl1_pr1_3 energy_def_3 0.817215 balance_pl1_pr1_3 1
 make_pl1_pr1_3 cap_pl1_3 1.12117
 make_pl1_pr1_4 R0000000 11.6024 emissions_def 0.00204559
 make_pl1_pr1_4 energy_def_4 0.817215 balance_pl1_pr1_4 1
 make_pl1_pr1_4 cap_pl1_4 1.12117
 make_pl1_pr1_5 R0000000 11.6024 emissions_def 0.00204559
 make_pl1_pr1_5 energy_def_5 0.817215 balance_pl1_pr1_5 1
 make_pl1_pr1_5 cap_pl1_5 1.12117
 make_pl1_pr1_6 R0000000 11.6024 emissions_def 0.00204559
 make_pl1_pr1_6 energy_def_6 0.817215 balance_pl1_pr1_6 1
 make_pl1_pr1_6 cap_pl1_6 1.12117
 make_pl1_pr2_1 R0000000 5.5262 emissions_def 0.00412504
 make_pl1_pr2_1 energy_def_1 3.99607 balance_pl1_pr2_1 1
 make_pl1_pr2_1 cap_pl1_1 1.81021
 make_pl1_pr2_2 R0000000 5.5262 emissions_def 0.00412504
 make_pl1_pr2_2 energy_def_2 3.99607 balance_pl1_pr2_2 1
 make_pl1_pr2_2 cap_pl1_2 1.81021
 make_pl1_pr2_3 R0000000 5.5262 emissions_def 0.00412504
 make_pl1_pr2_3 energy_def_3 3.99607 balance_pl1_pr2_3 1
 make_pl1_pr2_3 cap_pl1_3 1.81021
 make_pl1_pr2_4 R0000000 5.5262 emissions_def 0.00412504
 make_pl1_pr2_4 energy_def_4 3.99607 balance_pl1_pr2_4 1
 make_pl1_pr2_4 cap_pl1_4 1.81021
 make_pl1_pr2_5 R0000000 5.5262 emissions_def 0.00412504
 make_pl1_pr2_5 energy_def_5 3.99607 balance_pl1_pr2_5 1
 make_pl1_pr2_5 cap_pl1_5 1.81021
 make_pl1_pr2_6 R0000000 5.5262 emissions_def 0.00412504
 make_pl1_pr2_6 energy_def_6 3.99607 balance_pl1_pr2_6 1
 make_pl1_pr2_6 cap_pl1_6 1.81021
 make_pl1_pr3_1 R0000000 12.7794 emissions_def 0.00455099
 make_pl1_pr3_1 energy_def_1 5.31626 balance_pl1_pr3_1 1
 make_pl1_pr3_1 cap_pl1_1 0.855654
 make_pl1_pr3_2 R0000000 12.7794 emissions_def 0.00455099
 make_pl1_pr3_2 energy_def_2 5.31626 balance_pl1_pr3_2 1
 make_pl1_pr3_2 cap_pl1_2 0.855654
 make_pl1_pr3_3 R0000000 12.7794 emissions_def 0.00455099
 make_pl1_pr3_3 energy_def_3 5.31626 balance_pl1_pr3_3 1
 make_pl1_pr3_3 cap_pl1_3 0.855654
 make_pl1_pr3_4 R0000000 12.7794 emissions_def 0.00455099
 make_pl1_pr3_4 energy_def_4 5.31626 balance_pl1_pr3_4 1
 make_pl1_pr3_4 cap_pl1_4 0.855654
 make_pl1_pr3_5 R0000000 12.7794 emissions_def 0.00455099
 make_pl1_pr3_5 energy_def_5 5.31626 balance_pl1_pr3_5 1
 make_pl1_pr3_5 cap_pl1_5 0.855654
 make_pl1_pr3_6 R0000000 12.7794 emissions_def 0.00455099
 make_pl1_pr3_6 energy_def_6 5.31626 balance_pl1_pr3_6 1
 make_pl1_pr3_6 cap_pl1_6 0.855654
 make_pl1_pr4_1 R0000000 8.8725 emissions_def 0.00269206
 make_pl1_pr4_1 energy_def_1 2.38415 balance_pl1_pr4_1 1
 make_pl1_pr4_1 cap_pl1_1 0.576653
 make_pl1_pr4_2 R0000000 8.8725 emissions_def 0.00269206
 make_pl1_pr4_2 energy_def_2 2.38415 balance_pl1_pr4_2 1
 make_pl1_pr4_2 cap_pl1_2 0.576653
 make_pl1_pr4_3 R0000000 8.8725 emissions_def 0.00269206
 make_pl1_pr4_3 energy_def_3 2.38415 balance_pl1_pr4_3 1
 make_pl1_pr4_3 cap_pl1_3 0.576653
 make_pl1_pr4_4 R0000000 8.8725 emissions_def 0.00269206
 make_pl1_pr4_4 energy_def_4 2.38415 balance_pl1_pr4_4 1
 make_pl1_pr4_4 cap_pl1_4 0.576653
 make_pl1_pr4_5 R0000000 8.8725 emissions_def 0.00269206
 make_pl1_pr4_5 energy_def_5 2.38415 balance_pl1_pr4_5 1
 make_pl1_pr4_5 cap_pl1_5 0.576653
 make_pl1_pr4_6 R0000000 8.8725 emissions_def 0.00269206
 make_pl1_pr4_6 energy_def_6 2.38415 balance_pl1_pr4_6 1
 make_pl1_pr4_6 cap_pl1_6 0.576653
 make_pl2_pr1_1 R0000000 12.0712 emissions_def 0.00383902
 make_pl2_pr1_1 energy_def_1 1.13567 balance_pl2_pr1_1 1
 make_pl2_pr1_1 cap_pl2_1 1.41369
 make_pl2_pr1_2 R0000000 12.0712 emissions_def 0.00383902
 make_pl2_pr1_2 energy_def_2 1.13567 balance_pl2_pr1_2 1
 make_pl2_pr1_2 cap_pl2_2 1.41369
 make_pl2_pr1_3 R0000000 12.0712 emissions_def 0.00383902
 make_pl2_pr1_3 energy_def_3 1.13567 balance_pl2_pr1_3 1
 make_pl2_pr1_3 cap_pl2_3 1.41369
 make_pl2_pr1_4 R0000000 12.0712 emissions_def 0.00383902
 make_pl2_pr1_4 energy_def_4 1.13567 balance_pl2_pr1_4 1
 make_pl2_pr1_4 cap_pl2_4 1.41369
 make_pl2_pr1_5 R0000000 12.0712 emissions_def 0.00383902
 make_pl2_pr1_5 energy_def_5 1.13567 balance_pl2_pr1_5 1
 make_pl2_pr1_5 cap_pl2_5 1.41369
 make_pl2_pr1_6 R0000000 12.0712 emissions_def 0.00383902
 make_pl2_pr1_6 energy_def_6 1.13567 balance_pl2_pr1_6 1
 make_pl2_pr1_6 cap_pl2_6 1.41369
 make_pl2_pr2_1 R0000000 5.1978 emissions_def 0.00667104
 make_pl2_pr2_1 energy_def_1 6.0864 balance_pl2_pr2_1 1
 make_pl2_pr2_1 cap_pl2_1 1.16245
 make_pl2_pr2_2 R0000000 5.1978 emissions_def 0.00667104
 make_pl2_pr2_2 energy_def_2 6.0864 balance_pl2_pr2_2 1
 make_pl2_pr2_2 cap_pl2_2 1.16245
 make_pl2_pr2_3 R0000000 5.1978 emissions_def 0.00667104
 make_pl2_pr2_3 energy_def_3 6.0864 balance_pl2_pr2_3 1
 make_pl2_pr2_3 cap_pl2_3 1.16245
 make_pl2_pr2_4 R0000000 5.1978 emissions_def 0.00667104
 make_pl2_pr2_4 energy_def_4 6.0864 balance_pl2_pr2_4 1
 make_pl2_pr2_4 cap_pl2_4 1.16245
 make_pl2_pr2_5 R0000000 5.1978 emissions_def 0.00667104
 make_pl2_pr2_5 energy_def_5 6.0864 balance_pl2_pr2_5 1
 make_pl2_pr2_5 cap_pl2_5 1.16245
 make_pl2_pr2_6 R0000000 5.1978 emissions_def 0.00667104
 make_pl2_pr2_6 energy_def_6 6.0864 balance_pl2_pr2_6 1
 make_pl2_pr2_6 cap_pl2_6 1.16245
 make_pl2_pr3_1 R0000000 11.2345 emissions_def 0.00427663
 make_pl2_pr3_1 energy_def_1 5.09613 balance_pl2_pr3_1 1
 make_pl2_pr3_1 cap_pl2_1 0.501718
 make_pl2_pr3_2 R0000000 11.2345 emissions_def 0.00427663
 make_pl2_pr3_2 energy_def_2 5.09613 balance_pl2_pr3_2 1
 make_pl2_pr3_2 cap_pl2_2 0.501718
 make_pl2_pr3_3 R0000000 11.2345 emissions_def 0.00427663
 make_pl2_pr3_3 energy_def_3 5.09613 balance_pl2_pr3_3 1
 make_pl2_pr3_3 cap_pl2_3 0.501718
 make_pl2_pr3_4 R0000000 11.2345 emissions_def 0.00427663
 make_pl2_pr3_4 energy_def_4 5.09613 balance_pl2_pr3_4 1
 make_pl2_pr3_4 cap_pl2_4 0.501718
 make_pl2_pr3_5 R0000000 11.2345 emissions_def 0.00427663
 make_pl2_pr3_5 energy_def_5 5.09613 balance_pl2_pr3_5 1
 make_pl2_pr3_5 cap_pl2_5 0.501718
 make_pl2_pr3_6 R0000000 11.2345 emissions_def 0.00427663
 make_pl2_pr3_6 energy_def_6 5.09613 balance_pl2_pr3_6 1
 make_pl2_pr3_6 cap_pl2_6 0.501718
 make_pl2_pr4_1 R0000000 9.1926 emissions_def 0.00326625
 make_pl2_pr4_1 energy_def_1 2.23562 balance_pl2_pr4_1 1
 make_pl2_pr4_1 cap_pl2_1 1.68259
 make_pl2_pr4_2 R0000000 9.1926 emissions_def 0.00326625
 make_pl2_pr4_2 energy_def_2 2.23562 balance_pl2_pr4_2 1
 make_pl2_pr4_2 cap_pl2_2 1.68259
 make_pl2_pr4_3 R0000000 9.1926 emissions_def 0.00326625
 make_pl2_pr4_3 energy_def_3 2.23562 balance_pl2_pr4_3 1
 make_pl2_pr4_3 cap_pl2_3 1.68259
 make_pl2_pr4_4 R0000000 9.1926 emissions_def 0.00326625
 make_pl2_pr4_4 energy_def_4 2.23562 balance_pl2_pr4_4 1
 make_pl2_pr4_4 cap_pl2_4 1.68259
 make_pl2_pr4_5 R0000000 9.1926 emissions_def 0.00326625
 make_pl2_pr4_5 energy_def_5 2.23562 balance_pl2_pr4_5 1
 make_pl2_pr4_5 cap_pl2_5 1.68259
 make_pl2_pr4_6 R0000000 9.1926 emissions_def 0.00326625
 make_pl2_pr4_6 energy_def_6 2.23562 balance_pl2_pr4_6 1
 make_pl2_pr4_6 cap_pl2_6 1.68259
 make_pl3_pr1_1 R0000000 15.2741 emissions_def 0.00347084
 make_pl3_pr1_1 energy_def_1 0.758223 balance_pl3_pr1_1 1
 make_pl3_pr1_1 cap_pl3_1 0.78302
 make_pl3_pr1_2 R0000000 15.2741 emissions_def 0.00347084
 make_pl3_pr1_2 energy_def_2 0.758223 balance_pl3_pr1_2 1
 make_pl3_pr1_2 cap_pl3_2 0.78302
 make_pl3_pr1_3 R0000000 15.2741 emissions_def 0.00347084
 make_pl3_pr1_3 energy_def_3 0.758223 balance_pl3_pr1_3 1
 make_pl3_pr1_3 cap_pl3_3 0.78302
 make_pl3_pr1_4 R0000000 15.2741 emissions_def 0.00347084
 make_pl3_pr1_4 energy_def_4 0.758223 balance_pl3_pr1_4 1
 make_pl3_pr1_4 cap_pl3_4 0.78302
 make_pl3_pr1_5 R0000000 15.2741 emissions_def 0.00347084
 make_pl3_pr1_5 energy_def_5 0.758223 balance_pl3_pr1_5 1
 make_pl3_pr1_5 cap_pl3_5 0.78302
 make_pl3_pr1_6 R0000000 15.2741 emissions_def 0.00347084
 make_pl3_pr1_6 energy_def_6 0.758223 balance_pl3_pr1_6 1
 make_pl3_pr1_6 cap_pl3_6 0.78302
 make_pl3_pr2_1 R0000000 6.9919 emissions_def 1.6712100E-3
 make_pl3_pr2_1 energy_def_1 5.12202 balance_pl3_pr2_1 1
 make_pl3_pr2_1 cap_pl3_1 1.01461
 make_pl3_pr2_2 R0000000 6.9919 emissions_def 1.6712100E-3
 make_pl3_pr2_2 energy_def_2 5.12202 balance_pl3_pr2_2 1
 make_pl3_pr2_2 cap_pl3_2 1.01461
 make_pl3_pr2_3 R0000000 6.9919 emissions_def 1.6712100E-3
 make_pl3_pr2_3 energy_def_3 5.12202 balance_pl3_pr2_3 1
 make_pl3_pr2_3 cap_pl3_3 1.01461
 make_pl3_pr2_4 R0000000 6.9919 emissions_def 1.6712100E-3
 make_pl3_pr2_4 energy_def_4 5.12202 balance_pl3_pr2_4 1
 make_pl3_pr2_4 cap_pl3_4 1.01461
 make_pl3_pr2_5 R0000000 6.9919 emissions_def 1.6712100E-3
 make_pl3_pr2_5 energy_def_5 5.12202 balance_pl3_pr2_5 1
 make_pl3_pr2_5 cap_pl3_5 1.01461
 make_pl3_pr2_6 R0000000 6.9919 emissions_def 1.6712100E-3
 make_pl3_pr2_6 energy_def_6 5.12202 balance_pl3_pr2_6 1
 make_pl3_pr2_6 cap_pl3_6 1.01461
 make_pl3_pr3_1 R0000000 15.2457 emissions_def 0.00304087
 make_pl3_pr3_1 energy_def_1 9.00753 balance_pl3_pr3_1 1
 make_pl3_pr3_1 cap_pl3_1 1.07672
 make_pl3_pr3_2 R0000000 15.2457 emissions_def 0.00304087
 make_pl3_pr3_2 energy_def_2 9.00753 balance_pl3_pr3_2 1
 make_pl3_pr3_2 cap_pl3_2 1.07672
 make_pl3_pr3_3 R0000000 15.2457 emissions_def 0.00304087
 make_pl3_pr3_3 energy_def_3 9.00753 balance_pl3_pr3_3 1
 make_pl3_pr3_3 cap_pl3_3 1.07672
 make_pl3_pr3_4 R0000000 15.2457 emissions_def 0.00304087
 make_pl3_pr3_4 energy_def_4 9.00753 balance_pl3_pr3_4 1
 make_pl3_pr3_4 cap_pl3_4 1.07672
 make_pl3_pr3_5 R0000000 15.2457 emissions_def 0.00304087
 make_pl3_pr3_5 energy_def_5 9.00753 balance_pl3_pr3_5 1
 make_pl3_pr3_5 cap_pl3_5 1.07672
 make_pl3_pr3_6 R0000000 15.2457 emissions_def 0.00304087
 make_pl3_pr3_6 energy_def_6 9.00753 balance_pl3_pr3_6 1
 make_pl3_pr3_6 cap_pl3_6 1.07672
 make_pl3_pr4_1 R0000000 11.3633 emissions_def 9.4833500E-4
 make_pl3_pr4_1 energy_def_1 1.81831 balance_pl3_pr4_1 1
 make_pl3_pr4_1 cap_pl3_1 1.80129
 make_pl3_pr4_2 R0000000 11.3633 emissions_def 9.4833500E-4
 make_pl3_pr4_2 energy_def_2 1.81831 balance_pl3_pr4_2 1
 make_pl3_pr4_2 cap_pl3_2 1.80129
 make_pl3_pr4_3 R0000000 11.3633 emissions_def 9.4833500E-4
 make_pl3_pr4_3 energy_def_3 1.81831 balance_pl3_pr4_3 1
 make_pl3_pr4_3 cap_pl3_3 1.80129
 make_pl3_pr4_4 R0000000 11.3633 emissions_def 9.4833500E-4
 make_pl3_pr4_4 energy_def_4 1.81831 balance_pl3_pr4_4 1
 make_pl3_pr4_4 cap_pl3_4 1.80129
 make_pl3_pr4_5 R0000000 11.3633 emissions_def 9.4833500E-4
 make_pl3_pr4_5 energy_def_5 1.81831 balance_pl3_pr4_5 1
 make_pl3_pr4_5 cap_pl3_5 1.80129
 make_pl3_pr4_6 R0000000 11.3633 emissions_def 9.4833500E-4
 make_pl3_pr4_6 energy_def_6 1.81831 balance_pl3_pr4_6 1
 make_pl3_pr4_6 cap_pl3_6 1.80129
 over_pl1_pr1_1 R0000000 17.4036 emissions_def 0.00210491
 over_pl1_pr1_1 energy_def_1 0.898936 balance_pl1_pr1_1 1
 over_pl1_pr1_1 overtime_pl1_1 1.12117
 over_pl1_pr1_2 R0000000 17.4036 emissions_def 0.00210491
 over_pl1_pr1_2 energy_def_2 0.898936 balance_pl1_pr1_2 1
 over_pl1_pr1_2 overtime_pl1_2 1.12117
 over_pl1_pr1_3 R0000000 17.4036 emissions_def 0.00210491
 over_pl1_pr1_3 energy_def_3 0.898936 balance_pl1_pr1_3 1
 over_pl1_pr1_3 overtime_pl1_3 1.12117
 over_pl1_pr1_4 R0000000 17.4036 emissions_def 0.00210491
 over_pl1_pr1_4 energy_def_4 0.898936 balance_pl1_pr1_4 1
 over_pl1_pr1_4 overtime_pl1_4 1.12117
 over_pl1_pr1_5 R0000000 17.4036 emissions_def 0.00210491
 over_pl1_pr1_5 energy_def_5 0.898936 balance_pl1_pr1_5 1
 over_pl1_pr1_5 overtime_pl1_5 1.12117
 over_pl1_pr1_6 R0000000 17.4036 emissions_def 0.00210491
 over_pl1_pr1_6 energy_def_6 0.898936 balance_pl1_pr1_6 1
 over_pl1_pr1_6 overtime_pl1_6 1.12117
 over_pl1_pr2_1 R0000000 8.2893 emissions_def 0.00441507
 over_pl1_pr2_1 energy_def_1 4.39567 balance_pl1_pr2_1 1
 over_pl1_pr2_1 overtime_pl1_1 1.81021
 over_pl1_pr2_2 R0000000 8.2893 emissions_def 0.00441507
 over_pl1_pr2_2 energy_def_2 4.39567 balance_pl1_pr2_2 1
 over_pl1_pr2_2 overtime_pl1_2 1.81021
 over_pl1_pr2_3 R0000000 8.2893 emissions_def 0.00441507
 over_pl1_pr2_3 energy_def_3 4.39567 balance_pl1_pr2_3 1
 over_pl1_pr2_3 overtime_pl1_3 1.81021
 over_pl1_pr2_4 R0000000 8.2893 emissions_def 0.00441507
 over_pl1_pr2_4 energy_def_4 4.39567 balance_pl1_pr2_4 1
 over_pl1_pr2_4 overtime_pl1_4 1.81021
 over_pl1_pr2_5 R0000000 8.2893 emissions_def 0.00441507
 over_pl1_pr2_5 energy_def_5 4.39567 balance_pl1_pr2_5 1
 over_pl1_pr2_5 overtime_pl1_5 1.81021
 over_pl1_pr2_6 R0000000 8.2893 emissions_def 0.00441507
 over_pl1_pr2_6 energy_def_6 4.39567 balance_pl1_pr2_6 1
 over_pl1_pr2_6 overtime_pl1_6 1.81021
 over_pl1_pr3_1 R0000000 19.1691 emissions_def 0.00493683
 over_pl1_pr3_1 energy_def_1 5.84789 balance_pl1_pr3_1 1
 over_pl1_pr3_1 overtime_pl1_1 0.855654
 over_pl1_pr3_2 R0000000 19.1691 emissions_def 0.00493683
 over_pl1_pr3_2 energy_def_2 5.84789 balance_pl1_pr3_2 1
 over_pl1_pr3_2 overtime_pl1_2 0.855654
 over_pl1_pr3_3 R0000000 19.1691 emissions_def 0.00493683
 over_pl1_pr3_3 energy_def_3 5.84789 balance_pl1_pr3_3 1
 over_pl1_pr3_3 overtime_pl1_3 0.855654
 over_pl1_pr3_4 R0000000 19.1691 emissions_def 0.00493683
 over_pl1_pr3_4 energy_def_4 5.84789 balance_pl1_pr3_4 1
 over_pl1_pr3_4 overtime_pl1_4 0.855654
 over_pl1_pr3_5 R0000000 19.1691 emissions_def 0.00493683
 over_pl1_pr3_5 energy_def_5 5.84789 balance_pl1_pr3_5 1
 over_pl1_pr3_5 overtime_pl1_5 0.855654
 over_pl1_pr3_6 R0000000 19.1691 emissions_def 0.00493683
 over_pl1_pr3_6 energy_def_6 5.84789 balance_pl1_pr3_6 1
 over_pl1_pr3_6 overtime_pl1_6 0.855654
 over_pl1_pr4_1 R0000000 13.3088 emissions_def 0.0028651
 over_pl1_pr4_1 energy_def_1 2.62257 balance_pl1_pr4_1 1
 over_pl1_pr4_1 overtime_pl1_1 0.576653
 over_pl1_pr4_2 R0000000 13.3088 emissions_def 0.0028651
 over_pl1_pr4_2 energy_def_2 2.62257 balance_pl1_pr4_2 1
 over_pl1_pr4_2 overtime_pl1_2 0.576653
 over_pl1_pr4_3 R0000000 13.3088 emissions_def 0.0028651
 over_pl1_pr4_3 energy_def_3 2.62257 balance_pl1_pr4_3 1
 over_pl1_pr4_3 overtime_pl1_3 0.576653
 over_pl1_pr4_4 R0000000 13.3088 emissions_def 0.0028651
 over_pl1_pr4_4 energy_def_4 2.62257 balance_pl1_pr4_4 1
 over_pl1_pr4_4 overtime_pl1_4 0.576653
 over_pl1_pr4_5 R0000000 13.3088 emissions_def 0.0028651
 over_pl1_pr4_5 energy_def_5 2.62257 balance_pl1_pr4_5 1
 over_pl1_pr4_5 overtime_pl1_5 0.576653
 over_pl1_pr4_6 R0000000 13.3088 emissions_def 0.0028651
 over_pl1_pr4_6 energy_def_6 2.62257 balance_pl1_pr4_6 1
 over_pl1_pr4_6 overtime_pl1_6 0.576653
 over_pl2_pr1_1 R0000000 18.1068 emissions_def 0.00392858
 over_pl2_pr1_1 energy_def_1 1.24924 balance_pl2_pr1_1 1
 over_pl2_pr1_1 overtime_pl2_1 1.41369
 over_pl2_pr1_2 R0000000 18.1068 emissions_def 0.00392858
 over_pl2_pr1_2 energy_def_2 1.24924 balance_pl2_pr1_2 1
 over_pl2_pr1_2 overtime_pl2_2 1.41369
 over_pl2_pr1_3 R0000000 18.1068 emissions_def 0.00392858
 over_pl2_pr1_3 energy_def_3 1.24924 balance_pl2_pr1_3 1
 over_pl2_pr1_3 overtime_pl2_3 1.41369
 over_pl2_pr1_4 R0000000 18.1068 emissions_def 0.00392858
 over_pl2_pr1_4 energy_def_4 1.24924 balance_pl2_pr1_4 1
 over_pl2_pr1_4 overtime_pl2_4 1.41369
 over_pl2_pr1_5 R0000000 18.1068 emissions_def 0.00392858
 over_pl2_pr1_5 energy_def_5 1.24924 balance_pl2_pr1_5 1
 over_pl2_pr1_5 overtime_pl2_5 1.41369
 over_pl2_pr1_6 R0000000 18.1068 emissions_def 0.00392858
 over_pl2_pr1_6 energy_def_6 1.24924 balance_pl2_pr1_6 1
 over_pl2_pr1_6 overtime_pl2_6 1.41369
 over_pl2_pr2_1 R0000000 7.7967 emissions_def 0.00715102
 over_pl2_pr2_1 energy_def_1 6.69504 balance_pl2_pr2_1 1
 over_pl2_pr2_1 overtime_pl2_1 1.16245
 over_pl2_pr2_2 R0000000 7.7967 emissions_def 0.00715102
 over_pl2_pr2_2 energy_def_2 6.69504 balance_pl2_pr2_2 1
 over_pl2_pr2_2 overtime_pl2_2 1.16245
 over_pl2_pr2_3 R0000000 7.7967 emissions_def 0.00715102
 over_pl2_pr2_3 energy_def_3 6.69504 balance_pl2_pr2_3 1
 over_pl2_pr2_3 overtime_pl2_3 1.16245
 over_pl2_pr2_4 R0000000 7.7967 emissions_def 0.00715102
 over_pl2_pr2_4 energy_def_4 6.69504 balance_pl2_pr2_4 1
 over_pl2_pr2_4 overtime_pl2_4 1.16245
 over_pl2_pr2_5 R0000000 7.7967 emissions_def 0.00715102
 over_pl2_pr2_5 energy_def_5 6.69504 balance_pl2_pr2_5 1
 over_pl2_pr2_5 overtime_pl2_5 1.16245
 over_pl2_pr2_6 R0000000 7.7967 emissions_def 0.00715102
 over_pl2_pr2_6 energy_def_6 6.69504 balance_pl2_pr2_6 1
 over_pl2_pr2_6 overtime_pl2_6 1.16245
 over_pl2_pr3_1 R0000000 16.8518 emissions_def 0.00467852
 over_pl2_pr3_1 energy_def_1 5.60574 balance_pl2_pr3_1 1
 over_pl2_pr3_1 overtime_pl2_1 0.501718
 over_pl2_pr3_2 R0000000 16.8518 emissions_def 0.00467852
 over_pl2_pr3_2 energy_def_2 5.60574 balance_pl2_pr3_2 1
 over_pl2_pr3_2 overtime_pl2_2 0.501718
 over_pl2_pr3_3 R0000000 16.8518 emissions_def 0.00467852
 over_pl2_pr3_3 energy_def_3 5.60574 balance_pl2_pr3_3 1
 over_pl2_pr3_3 overtime_pl2_3 0.501718
 over_pl2_pr3_4 R0000000 16.8518 emissions_def 0.00467852
 over_pl2_pr3_4 energy_def_4 5.60574 balance_pl2_pr3_4 1
 over_pl2_pr3_4 overtime_pl2_4 0.501718
 over_pl2_pr3_5 R0000000 16.8518 emissions_def 0.00467852
 over_pl2_pr3_5 energy_def_5 5.60574 balance_pl2_pr3_5 1
 over_pl2_pr3_5 overtime_pl2_5 0.501718
 over_pl2_pr3_6 R0000000 16.8518 emissions_def 0.00467852
 over_pl2_pr3_6 energy_def_6 5.60574 balance_pl2_pr3_6 1
 over_pl2_pr3_6 overtime_pl2_6 0.501718
 over_pl2_pr4_1 R0000000 13.7889 emissions_def 0.00344255
 over_pl2_pr4_1 energy_def_1 2.45918 balance_pl2_pr4_1 1
 over_pl2_pr4_1 overtime_pl2_1 1.68259
 over_pl2_pr4_2 R0000000 13.7889 emissions_def 0.00344255
 over_pl2_pr4_2 energy_def_2 2.45918 balance_pl2_pr4_2 1
 over_pl2_pr4_2 overtime_pl2_2 1.68259
 over_pl2_pr4_3 R0000000 13.7889 emissions_def 0.00344255
 over_pl2_pr4_3 energy_def_3 2.45918 balance_pl2_pr4_3 1
 over_pl2_pr4_3 overtime_pl2_3 1.68259
 over_pl2_pr4_4 R0000000 13.7889 emissions_def 0.00344255
 over_pl2_pr4_4 energy_def_4 2.45918 balance_pl2_pr4_4 1
 over_pl2_pr4_4 overtime_pl2_4 1.68259
 over_pl2_pr4_5 R0000000 13.7889 emissions_def 0.00344255
 over_pl2_pr4_5 energy_def_5 2.45918 balance_pl2_pr4_5 1
 over_pl2_pr4_5 overtime_pl2_5 1.68259
 over_pl2_pr4_6 R0000000 13.7889 emissions_def 0.00344255
 over_pl2_pr4_6 energy_def_6 2.45918 balance_pl2_pr4_6 1
 over_pl2_pr4_6 overtime_pl2_6 1.68259
 over_pl3_pr1_1 R0000000 22.9112 emissions_def 0.00349385
 over_pl3_pr1_1 energy_def_1 0.834045 balance_pl3_pr1_1 1
 over_pl3_pr1_1 overtime_pl3_1 0.78302
 over_pl3_pr1_2 R0000000 22.9112 emissions_def 0.00349385
 over_pl3_pr1_2 energy_def_2 0.834045 balance_pl3_pr1_2 1
 over_pl3_pr1_2 overtime_pl3_2 0.78302
 over_pl3_pr1_3 R0000000 22.9112 emissions_def 0.00349385
 over_pl3_pr1_3 energy_def_3 0.834045 balance_pl3_pr1_3 1
 over_pl3_pr1_3 overtime_pl3_3 0.78302
 over_pl3_pr1_4 R0000000 22.9112 emissions_def 0.00349385
 over_pl3_pr1_4 energy_def_4 0.834045 balance_pl3_pr1_4 1
 over_pl3_pr1_4 overtime_pl3_4 0.78302
 over_pl3_pr1_5 R0000000 22.9112 emissions_def 0.00349385
 over_pl3_pr1_5 energy_def_5 0.834045 balance_pl3_pr1_5 1
 over_pl3_pr1_5 overtime_pl3_5 0.78302
 over_pl3_pr1_6 R0000000 22.9112 emissions_def 0.00349385
 over_pl3_pr1_6 energy_def_6 0.834045 balance_pl3_pr1_6 1
 over_pl3_pr1_6 overtime_pl3_6 0.78302
 over_pl3_pr2_1 R0000000 10.4878 emissions_def 1.8266500E-3
 over_pl3_pr2_1 energy_def_1 5.63422 balance_pl3_pr2_1 1
 over_pl3_pr2_1 overtime_pl3_1 1.01461
 over_pl3_pr2_2 R0000000 10.4878 emissions_def 1.8266500E-3
 over_pl3_pr2_2 energy_def_2 5.63422 balance_pl3_pr2_2 1
 over_pl3_pr2_2 overtime_pl3_2 1.01461
 over_pl3_pr2_3 R0000000 10.4878 emissions_def 1.8266500E-3
 over_pl3_pr2_3 energy_def_3 5.63422 balance_pl3_pr2_3 1
 over_pl3_pr2_3 overtime_pl3_3 1.01461
 over_pl3_pr2_4 R0000000 10.4878 emissions_def 1.8266500E-3
 over_pl3_pr2_4 energy_def_4 5.63422 balance_pl3_pr2_4 1
 over_pl3_pr2_4 overtime_pl3_4 1.01461
 over_pl3_pr2_5 R0000000 10.4878 emissions_def 1.8266500E-3
 over_pl3_pr2_5 energy_def_5 5.63422 balance_pl3_pr2_5 1
 over_pl3_pr2_5 overtime_pl3_5 1.01461
 over_pl3_pr2_6 R0000000 10.4878 emissions_def 1.8266500E-3
 over_pl3_pr2_6 energy_def_6 5.63422 balance_pl3_pr2_6 1
 over_pl3_pr2_6 overtime_pl3_6 1.01461
 over_pl3_pr3_1 R0000000 22.8685 emissions_def 0.00331424
 over_pl3_pr3_1 energy_def_1 9.90828 balance_pl3_pr3_1 1
 over_pl3_pr3_1 overtime_pl3_1 1.07672
 over_pl3_pr3_2 R0000000 22.8685 emissions_def 0.00331424
 over_pl3_pr3_2 energy_def_2 9.90828 balance_pl3_pr3_2 1
 over_pl3_pr3_2 overtime_pl3_2 1.07672
 over_pl3_pr3_3 R0000000 22.8685 emissions_def 0.00331424
 over_pl3_pr3_3 energy_def_3 9.90828 balance_pl3_pr3_3 1
 over_pl3_pr3_3 overtime_pl3_3 1.07672
 over_pl3_pr3_4 R0000000 22.8685 emissions_def 0.00331424
 over_pl3_pr3_4 energy_def_4 9.90828 balance_pl3_pr3_4 1
 over_pl3_pr3_4 overtime_pl3_4 1.07672
 over_pl3_pr3_5 R0000000 22.8685 emissions_def 0.00331424
 over_pl3_pr3_5 energy_def_5 9.90828 balance_pl3_pr3_5 1
 over_pl3_pr3_5 overtime_pl3_5 1.07672
 over_pl3_pr3_6 R0000000 22.8685 emissions_def 0.00331424
 over_pl3_pr3_6 energy_def_6 9.90828 balance_pl3_pr3_6 1
 over_pl3_pr3_6 overtime_pl3_6 1.07672
 over_pl3_pr4_1 R0000000 17.045 emissions_def 1.0035200E-3
 over_pl3_pr4_1 energy_def_1 2.00014 balance_pl3_pr4_1 1
 over_pl3_pr4_1 overtime_pl3_1 1.80129
 over_pl3_pr4_2 R0000000 17.045 emissions_def 1.0035200E-3
 over_pl3_pr4_2 energy_def_2 2.00014 balance_pl3_pr4_2 1
 over_pl3_pr4_2 overtime_pl3_2 1.80129
 over_pl3_pr4_3 R0000000 17.045 emissions_def 1.0035200E-3
 over_pl3_pr4_3 energy_def_3 2.00014 balance_pl3_pr4_3 1
 over_pl3_pr4_3 overtime_pl3_3 1.80129
 over_pl3_pr4_4 R0000000 17.045 emissions_def 1.0035200E-3
 over_pl3_pr4_4 energy_def_4 2.00014 balance_pl3_pr4_4 1
 over_pl3_pr4_4 overtime_pl3_4 1.80129
 over_pl3_pr4_5 R0000000 17.045 emissions_def 1.0035200E-3
 over_pl3_pr4_5 energy_def_5 2.00014 balance_pl3_pr4_5 1
 over_pl3_pr4_5 overtime_pl3_5 1.80129
 over_pl3_pr4_6 R0000000 17.045 emissions_def 1.0035200E-3
 over_pl3_pr4_6 energy_def_6 2.00014 balance_pl3_pr4_6 1
 over_pl3_pr4_6 overtime_pl3_6 1.80129
 stock_pl1_pr1_1 R0000000 0.6727 balance_pl1_pr1_2 1
 stock_pl1_pr1_1 balance_pl1_pr1_1 -1 storage_pl1_1 1
 stock_pl1_pr1_2 R0000000 0.6727 balance_pl1_pr1_3 1
 stock_pl1_pr1_2 balance_pl1_pr1_2 -1 storage_pl1_2 1
 stock_pl1_pr1_3 R0000000 0.6727 balance_pl1_pr1_4 1
 stock_pl1_pr1_3 balance_pl1_pr1_3 -1 storage_pl1_3 1
 stock_pl1_pr1_4 R0000000 0.6727 balance_pl1_pr1_5 1
 stock_pl1_pr1_4 balance_pl1_pr1_4 -1 storage_pl1_4 1
 stock_pl1_pr1_5 R0000000 0.6727 balance_pl1_pr1_6 1
 stock_pl1_pr1_5 balance_pl1_pr1_5 -1 storage_pl1_5 1
 stock_pl1_pr1_6 R0000000 0.6727 balance_pl1_pr1_6 -1
 stock_pl1_pr1_6 storage_pl1_6 1
 stock_pl1_pr2_1 R0000000 0.5799 balance_pl1_pr2_2 1
 stock_pl1_pr2_1 balance_pl1_pr2_1 -1 storage_pl1_1 1
 stock_pl1_pr2_2 R0000000 0.5799 balance_pl1_pr2_3 1
 stock_pl1_pr2_2 balance_pl1_pr2_2 -1 storage_pl1_2 1
 stock_pl1_pr2_3 R0000000 0.5799 balance_pl1_pr2_4 1
 stock_pl1_pr2_3 balance_pl1_pr2_3 -1 storage_pl1_3 1
 stock_pl1_pr2_4 R0000000 0.5799 balance_pl1_pr2_5 1
 stock_pl1_pr2_4 balance_pl1_pr2_4 -1 storage_pl1_4 1
 stock_pl1_pr2_5 R0000000 0.5799 balance_pl1_pr2_6 1
 stock_pl1_pr2_5 balance_pl1_pr2_5 -1 storage_pl1_5 1
 stock_pl1_pr2_6 R0000000 0.5799 balance_pl1_pr2_6 -1
 stock_pl1_pr2_6 storage_pl1_6 1
 stock_pl1_pr3_1 R0000000 1.0614 balance_pl1_pr3_2 1
 stock_pl1_pr3_1 balance_pl1_pr3_1 -1 storage_pl1_1 1
 stock_pl1_pr3_2 R0000000 1.0614 balance_pl1_pr3_3 1
 stock_pl1_pr3_2 balance_pl1_pr3_2 -1 storage_pl1_2 1
 stock_pl1_pr3_3 R0000000 1.0614 balance_pl1_pr3_4 1
 stock_pl1_pr3_3 balance_pl1_pr3_3 -1 storage_pl1_3 1
 stock_pl1_pr3_4 R0000000 1.0614 balance_pl1_pr3_5 1
 stock_pl1_pr3_4 balance_pl1_pr3_4 -1 storage_pl1_4 1
 stock_pl1_pr3_5 R0000000 1.0614 balance_pl1_pr3_6 1
 stock_pl1_pr3_5 balance_pl1_pr3_5 -1 storage_pl1_5 1
 stock_pl1_pr3_6 R0000000 1.0614 balance_pl1_pr3_6 -1
 stock_pl1_pr3_6 storage_pl1_6 1
 stock_pl1_pr4_1 R0000000 1.0467 balance_pl1_pr4_2 1
 stock_pl1_pr4_1 balance_pl1_pr4_1 -1 storage_pl1_1 1
 stock_pl1_pr4_2 R0000000 1.0467 balance_pl1_pr4_3 1
 stock_pl1_pr4_2 balance_pl1_pr4_2 -1 storage_pl1_2 1
 stock_pl1_pr4_3 R0000000 1.0467 balance_pl1_pr4_4 1
 stock_pl1_pr4_3 balance_pl1_pr4_3 -1 storage_pl1_3 1
 stock_pl1_pr4_4 R0000000 1.0467 balance_pl1_pr4_5 1
 stock_pl1_pr4_4 balance_pl1_pr4_4 -1 storage_pl1_4 1
 stock_pl1_pr4_5 R0000000 1.0467 balance_pl1_pr4_6 1
 stock_pl1_pr4_5 balance_pl1_pr4_5 -1 storage_pl1_5 1
 stock_pl1_pr4_6 R0000000 1.0467 balance_pl1_pr4_6 -1
 stock_pl1_pr4_6 storage_pl1_6 1
 stock_pl2_pr1_1 R0000000 0.6727 balance_pl2_pr1_2 1
 stock_pl2_pr1_1 balance_pl2_pr1_1 -1 storage_pl2_1 1
 stock_pl2_pr1_2 R0000000 0.6727 balance_pl2_pr1_3 1
 stock_pl2_pr1_2 balance_pl2_pr1_2 -1 storage_pl2_2 1
 stock_pl2_pr1_3 R0000000 0.6727 balance_pl2_pr1_4 1
 stock_pl2_pr1_3 balance_pl2_pr1_3 -1 storage_pl2_3 1
 stock_pl2_pr1_4 R0000000 0.6727 balance_pl2_pr1_5 1
 stock_pl2_pr1_4 balance_pl2_pr1_4 -1 storage_pl2_4 1
 stock_pl2_pr1_5 R0000000 0.6727 balance_pl2_pr1_6 1
 stock_pl2_pr1_5 balance_pl2_pr1_5 -1 storage_pl2_5 1
 stock_pl2_pr1_6 R0000000 0.6727 balance_pl2_pr1_6 -1
 stock_pl2_pr1_6 storage_pl2_6 1
 stock_pl2_pr2_1 R0000000 0.5799 balance_pl2_pr2_2 1
 stock_pl2_pr2_1 balance_pl2_pr2_1 -1 storage_pl2_1 1
 stock_pl2_pr2_2 R0000000 0.5799 balance_pl2_pr2_3 1
 stock_pl2_pr2_2 balance_pl2_pr2_2 -1 storage_pl2_2 1
 stock_pl2_pr2_3 R0000000 0.5799 balance_pl2_pr2_4 1
 stock_pl2_pr2_3 balance_pl2_pr2_3 -1 storage_pl2_3 1
 stock_pl2_pr2_4 R0000000 0.5799 balance_pl2_pr2_5 1
 stock_pl2_pr2_4 balance_pl2_pr2_4 -1 storage_pl2_4 1
 stock_pl2_pr2_5 R0000000 0.5799 balance_pl2_pr2_6 1
 stock_pl2_pr2_5 balance_pl2_pr2_5 -1 storage_pl2_5 1
 stock_pl2_pr2_6 R0000000 0.5799 balance_pl2_pr2_6 -1
 stock_pl2_pr2_6 storage_pl2_6 1
 stock_pl2_pr3_1 R0000000 1.0614 balance_pl2_pr3_2 1
 stock_pl2_pr3_1 balance_pl2_pr3_1 -1 storage_pl2_1 1
 stock_pl2_pr3_2 R0000000 1.0614 balance_pl2_pr3_3 1
 stock_pl2_pr3_2 balance_pl2_pr3_2 -1 storage_pl2_2 1
 stock_pl2_pr3_3 R0000000 1.0614 balance_pl2_pr3_4 1
 stock_pl2_pr3_3 balance_pl2_pr3_3 -1 storage_pl2_3 1
 stock_pl2_pr3_4 R0000000 1.0614 balance_pl2_pr3_5 1
 stock_pl2_pr3_4 balance_pl2_pr3_4 -1 storage_pl2_4 1
 stock_pl2_pr3_5 R0000000 1.0614 balance_pl2_pr3_6 1
 stock_pl2_pr3_5 balance_pl2_pr3_5 -1 storage_pl2_5 1
 stock_pl2_pr3_6 R0000000 1.0614 balance_pl2_pr3_6 -1
 stock_pl2_pr3_6 storage_pl2_6 1
 stock_pl2_pr4_1 R0000000 1.0467 balance_pl2_pr4_2 1
 stock_pl2_pr4_1 balance_pl2_pr4_1 -1 storage_pl2_1 1
 stock_pl2_pr4_2 R0000000 1.0467 balance_pl2_pr4_3 1
 stock_pl2_pr4_2 balance_pl2_pr4_2 -1 storage_pl2_2 1
 stock_pl2_pr4_3 R0000000 1.0467 balance_pl2_pr4_4 1
 stock_pl2_pr4_3 balance_pl2_pr4_3 -1 storage_pl2_3 1
 stock_pl2_pr4_4 R0000000 1.0467 balance_pl2_pr4_5 1
 stock_pl2_pr4_4 balance_pl2_pr4_4 -1 storage_pl2_4 1
 stock_pl2_pr4_5 R0000000 1.0467 balance_pl2_pr4_6 1
 stock_pl2_pr4_5 balance_pl2_pr4_5 -1 storage_pl2_5 1
 stock_pl2_pr4_6 R0000000 1.0467 balance_pl2_pr4_6 -1
 stock_pl2_pr4_6 storage_pl2_6 1
 stock_pl3_pr1_1 R0000000 0.6727 balance_pl3_pr1_2 1
 stock_pl3_pr1_1 balance_pl3_pr1_1 -1 storage_pl3_1 1
 stock_pl3_pr1_2 R0000000 0.6727 balance_pl3_pr1_3 1
 stock_pl3_pr1_2 balance_pl3_pr1_2 -1 storage_pl3_2 1
 stock_pl3_pr1_3 R0000000 0.6727 balance_pl3_pr1_4 1
 stock_pl3_pr1_3 balance_pl3_pr1_3 -1 storage_pl3_3 1
 stock_pl3_pr1_4 R0000000 0.6727 balance_pl3_pr1_5 1
 stock_pl3_pr1_4 balance_pl3_pr1_4 -1 storage_pl3_4 1
 stock_pl3_pr1_5 R0000000 0.6727 balance_pl3_pr1_6 1
 stock_pl3_pr1_5 balance_pl3_pr1_5 -1 storage_pl3_5 1
 stock_pl3_pr1_6 R0000000 0.6727 balance_pl3_pr1_6 -1
 stock_pl3_pr1_6 storage_pl3_6 1
 stock_pl3_pr2_1 R0000000 0.5799 balance_pl3_pr2_2 1
 stock_pl3_pr2_1 balance_pl3_pr2_1 -1 storage_pl3_1 1
 stock_pl3_pr2_2 R0000000 0.5799 balance_pl3_pr2_3 1
 stock_pl3_pr2_2 balance_pl3_pr2_2 -1 storage_pl3_2 1
 stock_pl3_pr2_3 R0000000 0.5799 balance_pl3_pr2_4 1
 stock_pl3_pr2_3 balance_pl3_pr2_3 -1 storage_pl3_3 1
 stock_pl3_pr2_4 R0000000 0.5799 balance_pl3_pr2_5 1
 stock_pl3_pr2_4 balance_pl3_pr2_4 -1 storage_pl3_4 1
 stock_pl3_pr2_5 R0000000 0.5799 balance_pl3_pr2_6 1
 stock_pl3_pr2_5 balance_pl3_pr2_5 -1 storage_pl3_5 1
 stock_pl3_pr2_6 R0000000 0.5799 balance_pl3_pr2_6 -1
 stock_pl3_pr2_6 storage_pl3_6 1
 stock_pl3_pr3_1 R0000000 1.0614 balance_pl3_pr3_2 1
 stock_pl3_pr3_1 balance_pl3_pr3_1 -1 storage_pl3_1 1
 stock_pl3_pr3_2 R0000000 1.0614 balance_pl3_pr3_3 1
 stock_pl3_pr3_2 balance_pl3_pr3_2 -1 storage_pl3_2 1
 stock_pl3_pr3_3 R0000000 1.0614 balance_pl3_pr3_4 1
 stock_pl3_pr3_3 balance_pl3_pr3_3 -1 storage_pl3_3 1
 stock_pl3_pr3_4 R0000000 1.0614 balance_pl3_pr3_5 1
 stock_pl3_pr3_4 balance_pl3_pr3_4 -1 storage_pl3_4 1
 stock_pl3_pr3_5 R0000000 1.0614 balance_pl3_pr3_6 1
 stock_pl3_pr3_5 balance_pl3_pr3_5 -1 storage_pl3_5 1
 stock_pl3_pr3_6 R0000000 1.0614 balance_pl3_pr3_6 -1
 stock_pl3_pr3_6 storage_pl3_6 1
 stock_pl3_pr4_1 R0000000 1.0467 balance_pl3_pr4_2 1
 stock_pl3_pr4_1 balance_pl3_pr4_1 -1 storage_pl3_1 1
 stock_pl3_pr4_2 R0000000 1.0467 balance_pl3_pr4_3 1
 stock_pl3_pr4_2 balance_pl3_pr4_2 -1 storage_pl3_2 1
 stock_pl3_pr4_3 R0000000 1.0467 balance_pl3_pr4_4 1
 stock_pl3_pr4_3 balance_pl3_pr4_3 -1 storage_pl3_3 1
 stock_pl3_pr4_4 R0000000 1.0467 balance_pl3_pr4_5 1
 stock_pl3_pr4_4 balance_pl3_pr4_4 -1 storage_pl3_4 1
 stock_pl3_pr4_5 R0000000 1.0467 balance_pl3_pr4_6 1
 stock_pl3_pr4_5 balance_pl3_pr4_5 -1 storage_pl3_5 1
 stock_pl3_pr4_6 R0000000 1.0467 balance_pl3_pr4_6 -1
 stock_pl3_pr4_6 storage_pl3_6 1
 ship_pl1_pr1_rg1_1 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr1_rg1_1 demand_rg1_pr1_1 1 balance_pl1_pr1_1 -1
 ship_pl1_pr1_rg1_2 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr1_rg1_2 demand_rg1_pr1_2 1 balance_pl1_pr1_2 -1
 ship_pl1_pr1_rg1_3 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr1_rg1_3 demand_rg1_pr1_3 1 balance_pl1_pr1_3 -1
 ship_pl1_pr1_rg1_4 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr1_rg1_4 demand_rg1_pr1_4 1 balance_pl1_pr1_4 -1
 ship_pl1_pr1_rg1_5 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr1_rg1_5 demand_rg1_pr1_5 1 balance_pl1_pr1_5 -1
 ship_pl1_pr1_rg1_6 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr1_rg1_6 demand_rg1_pr1_6 1 balance_pl1_pr1_6 -1
 ship_pl1_pr1_rg2_1 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr1_rg2_1 demand_rg2_pr1_1 1 balance_pl1_pr1_1 -1
 ship_pl1_pr1_rg2_2 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr1_rg2_2 demand_rg2_pr1_2 1 balance_pl1_pr1_2 -1
 ship_pl1_pr1_rg2_3 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr1_rg2_3 demand_rg2_pr1_3 1 balance_pl1_pr1_3 -1
 ship_pl1_pr1_rg2_4 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr1_rg2_4 demand_rg2_pr1_4 1 balance_pl1_pr1_4 -1
 ship_pl1_pr1_rg2_5 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr1_rg2_5 demand_rg2_pr1_5 1 balance_pl1_pr1_5 -1
 ship_pl1_pr1_rg2_6 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr1_rg2_6 demand_rg2_pr1_6 1 balance_pl1_pr1_6 -1
 ship_pl1_pr1_rg3_1 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr1_rg3_1 demand_rg3_pr1_1 1 balance_pl1_pr1_1 -1
 ship_pl1_pr1_rg3_2 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr1_rg3_2 demand_rg3_pr1_2 1 balance_pl1_pr1_2 -1
 ship_pl1_pr1_rg3_3 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr1_rg3_3 demand_rg3_pr1_3 1 balance_pl1_pr1_3 -1
 ship_pl1_pr1_rg3_4 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr1_rg3_4 demand_rg3_pr1_4 1 balance_pl1_pr1_4 -1
 ship_pl1_pr1_rg3_5 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr1_rg3_5 demand_rg3_pr1_5 1 balance_pl1_pr1_5 -1
 ship_pl1_pr1_rg3_6 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr1_rg3_6 demand_rg3_pr1_6 1 balance_pl1_pr1_6 -1
 ship_pl1_pr2_rg1_1 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr2_rg1_1 demand_rg1_pr2_1 1 balance_pl1_pr2_1 -1
 ship_pl1_pr2_rg1_2 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr2_rg1_2 demand_rg1_pr2_2 1 balance_pl1_pr2_2 -1
 ship_pl1_pr2_rg1_3 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr2_rg1_3 demand_rg1_pr2_3 1 balance_pl1_pr2_3 -1
 ship_pl1_pr2_rg1_4 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr2_rg1_4 demand_rg1_pr2_4 1 balance_pl1_pr2_4 -1
 ship_pl1_pr2_rg1_5 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr2_rg1_5 demand_rg1_pr2_5 1 balance_pl1_pr2_5 -1
 ship_pl1_pr2_rg1_6 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr2_rg1_6 demand_rg1_pr2_6 1 balance_pl1_pr2_6 -1
 ship_pl1_pr2_rg2_1 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr2_rg2_1 demand_rg2_pr2_1 1 balance_pl1_pr2_1 -1
 ship_pl1_pr2_rg2_2 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr2_rg2_2 demand_rg2_pr2_2 1 balance_pl1_pr2_2 -1
 ship_pl1_pr2_rg2_3 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr2_rg2_3 demand_rg2_pr2_3 1 balance_pl1_pr2_3 -1
 ship_pl1_pr2_rg2_4 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr2_rg2_4 demand_rg2_pr2_4 1 balance_pl1_pr2_4 -1
 ship_pl1_pr2_rg2_5 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr2_rg2_5 demand_rg2_pr2_5 1 balance_pl1_pr2_5 -1
 ship_pl1_pr2_rg2_6 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr2_rg2_6 demand_rg2_pr2_6 1 balance_pl1_pr2_6 -1
 ship_pl1_pr2_rg3_1 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr2_rg3_1 demand_rg3_pr2_1 1 balance_pl1_pr2_1 -1
 ship_pl1_pr2_rg3_2 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr2_rg3_2 demand_rg3_pr2_2 1 balance_pl1_pr2_2 -1
 ship_pl1_pr2_rg3_3 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr2_rg3_3 demand_rg3_pr2_3 1 balance_pl1_pr2_3 -1
 ship_pl1_pr2_rg3_4 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr2_rg3_4 demand_rg3_pr2_4 1 balance_pl1_pr2_4 -1
 ship_pl1_pr2_rg3_5 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr2_rg3_5 demand_rg3_pr2_5 1 balance_pl1_pr2_5 -1
 ship_pl1_pr2_rg3_6 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr2_rg3_6 demand_rg3_pr2_6 1 balance_pl1_pr2_6 -1
 ship_pl1_pr3_rg1_1 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr3_rg1_1 demand_rg1_pr3_1 1 balance_pl1_pr3_1 -1
 ship_pl1_pr3_rg1_2 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr3_rg1_2 demand_rg1_pr3_2 1 balance_pl1_pr3_2 -1
 ship_pl1_pr3_rg1_3 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr3_rg1_3 demand_rg1_pr3_3 1 balance_pl1_pr3_3 -1
 ship_pl1_pr3_rg1_4 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr3_rg1_4 demand_rg1_pr3_4 1 balance_pl1_pr3_4 -1
 ship_pl1_pr3_rg1_5 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr3_rg1_5 demand_rg1_pr3_5 1 balance_pl1_pr3_5 -1
 ship_pl1_pr3_rg1_6 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr3_rg1_6 demand_rg1_pr3_6 1 balance_pl1_pr3_6 -1
 ship_pl1_pr3_rg2_1 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr3_rg2_1 demand_rg2_pr3_1 1 balance_pl1_pr3_1 -1
 ship_pl1_pr3_rg2_2 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr3_rg2_2 demand_rg2_pr3_2 1 balance_pl1_pr3_2 -1
 ship_pl1_pr3_rg2_3 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr3_rg2_3 demand_rg2_pr3_3 1 balance_pl1_pr3_3 -1
 ship_pl1_pr3_rg2_4 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr3_rg2_4 demand_rg2_pr3_4 1 balance_pl1_pr3_4 -1
 ship_pl1_pr3_rg2_5 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr3_rg2_5 demand_rg2_pr3_5 1 balance_pl1_pr3_5 -1
 ship_pl1_pr3_rg2_6 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr3_rg2_6 demand_rg2_pr3_6 1 balance_pl1_pr3_6 -1
 ship_pl1_pr3_rg3_1 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr3_rg3_1 demand_rg3_pr3_1 1 balance_pl1_pr3_1 -1
 ship_pl1_pr3_rg3_2 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr3_rg3_2 demand_rg3_pr3_2 1 balance_pl1_pr3_2 -1
 ship_pl1_pr3_rg3_3 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr3_rg3_3 demand_rg3_pr3_3 1 balance_pl1_pr3_3 -1
 ship_pl1_pr3_rg3_4 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr3_rg3_4 demand_rg3_pr3_4 1 balance_pl1_pr3_4 -1
 ship_pl1_pr3_rg3_5 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr3_rg3_5 demand_rg3_pr3_5 1 balance_pl1_pr3_5 -1
 ship_pl1_pr3_rg3_6 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr3_rg3_6 demand_rg3_pr3_6 1 balance_pl1_pr3_6 -1
 ship_pl1_pr4_rg1_1 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr4_rg1_1 demand_rg1_pr4_1 1 balance_pl1_pr4_1 -1
 ship_pl1_pr4_rg1_2 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr4_rg1_2 demand_rg1_pr4_2 1 balance_pl1_pr4_2 -1
 ship_pl1_pr4_rg1_3 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr4_rg1_3 demand_rg1_pr4_3 1 balance_pl1_pr4_3 -1
 ship_pl1_pr4_rg1_4 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr4_rg1_4 demand_rg1_pr4_4 1 balance_pl1_pr4_4 -1
 ship_pl1_pr4_rg1_5 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr4_rg1_5 demand_rg1_pr4_5 1 balance_pl1_pr4_5 -1
 ship_pl1_pr4_rg1_6 R0000000 0.6802 emissions_def 0.00850232
 ship_pl1_pr4_rg1_6 demand_rg1_pr4_6 1 balance_pl1_pr4_6 -1
 ship_pl1_pr4_rg2_1 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr4_rg2_1 demand_rg2_pr4_1 1 balance_pl1_pr4_1 -1
 ship_pl1_pr4_rg2_2 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr4_rg2_2 demand_rg2_pr4_2 1 balance_pl1_pr4_2 -1
 ship_pl1_pr4_rg2_3 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr4_rg2_3 demand_rg2_pr4_3 1 balance_pl1_pr4_3 -1
 ship_pl1_pr4_rg2_4 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr4_rg2_4 demand_rg2_pr4_4 1 balance_pl1_pr4_4 -1
 ship_pl1_pr4_rg2_5 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr4_rg2_5 demand_rg2_pr4_5 1 balance_pl1_pr4_5 -1
 ship_pl1_pr4_rg2_6 R0000000 0.5275 emissions_def 0.00659329
 ship_pl1_pr4_rg2_6 demand_rg2_pr4_6 1 balance_pl1_pr4_6 -1
 ship_pl1_pr4_rg3_1 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr4_rg3_1 demand_rg3_pr4_1 1 balance_pl1_pr4_1 -1
 ship_pl1_pr4_rg3_2 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr4_rg3_2 demand_rg3_pr4_2 1 balance_pl1_pr4_2 -1
 ship_pl1_pr4_rg3_3 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr4_rg3_3 demand_rg3_pr4_3 1 balance_pl1_pr4_3 -1
 ship_pl1_pr4_rg3_4 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr4_rg3_4 demand_rg3_pr4_4 1 balance_pl1_pr4_4 -1
 ship_pl1_pr4_rg3_5 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr4_rg3_5 demand_rg3_pr4_5 1 balance_pl1_pr4_5 -1
 ship_pl1_pr4_rg3_6 R0000000 0.6435 emissions_def 0.00804336
 ship_pl1_pr4_rg3_6 demand_rg3_pr4_6 1 balance_pl1_pr4_6 -1
 ship_pl2_pr1_rg1_1 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr1_rg1_1 demand_rg1_pr1_1 1 balance_pl2_pr1_1 -1
 ship_pl2_pr1_rg1_2 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr1_rg1_2 demand_rg1_pr1_2 1 balance_pl2_pr1_2 -1
 ship_pl2_pr1_rg1_3 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr1_rg1_3 demand_rg1_pr1_3 1 balance_pl2_pr1_3 -1
 ship_pl2_pr1_rg1_4 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr1_rg1_4 demand_rg1_pr1_4 1 balance_pl2_pr1_4 -1
 ship_pl2_pr1_rg1_5 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr1_rg1_5 demand_rg1_pr1_5 1 balance_pl2_pr1_5 -1
 ship_pl2_pr1_rg1_6 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr1_rg1_6 demand_rg1_pr1_6 1 balance_pl2_pr1_6 -1
 ship_pl2_pr1_rg2_1 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr1_rg2_1 demand_rg2_pr1_1 1 balance_pl2_pr1_1 -1
 ship_pl2_pr1_rg2_2 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr1_rg2_2 demand_rg2_pr1_2 1 balance_pl2_pr1_2 -1
 ship_pl2_pr1_rg2_3 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr1_rg2_3 demand_rg2_pr1_3 1 balance_pl2_pr1_3 -1
 ship_pl2_pr1_rg2_4 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr1_rg2_4 demand_rg2_pr1_4 1 balance_pl2_pr1_4 -1
 ship_pl2_pr1_rg2_5 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr1_rg2_5 demand_rg2_pr1_5 1 balance_pl2_pr1_5 -1
 ship_pl2_pr1_rg2_6 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr1_rg2_6 demand_rg2_pr1_6 1 balance_pl2_pr1_6 -1
 ship_pl2_pr1_rg3_1 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr1_rg3_1 demand_rg3_pr1_1 1 balance_pl2_pr1_1 -1
 ship_pl2_pr1_rg3_2 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr1_rg3_2 demand_rg3_pr1_2 1 balance_pl2_pr1_2 -1
 ship_pl2_pr1_rg3_3 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr1_rg3_3 demand_rg3_pr1_3 1 balance_pl2_pr1_3 -1
 ship_pl2_pr1_rg3_4 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr1_rg3_4 demand_rg3_pr1_4 1 balance_pl2_pr1_4 -1
 ship_pl2_pr1_rg3_5 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr1_rg3_5 demand_rg3_pr1_5 1 balance_pl2_pr1_5 -1
 ship_pl2_pr1_rg3_6 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr1_rg3_6 demand_rg3_pr1_6 1 balance_pl2_pr1_6 -1
 ship_pl2_pr2_rg1_1 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr2_rg1_1 demand_rg1_pr2_1 1 balance_pl2_pr2_1 -1
 ship_pl2_pr2_rg1_2 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr2_rg1_2 demand_rg1_pr2_2 1 balance_pl2_pr2_2 -1
 ship_pl2_pr2_rg1_3 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr2_rg1_3 demand_rg1_pr2_3 1 balance_pl2_pr2_3 -1
 ship_pl2_pr2_rg1_4 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr2_rg1_4 demand_rg1_pr2_4 1 balance_pl2_pr2_4 -1
 ship_pl2_pr2_rg1_5 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr2_rg1_5 demand_rg1_pr2_5 1 balance_pl2_pr2_5 -1
 ship_pl2_pr2_rg1_6 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr2_rg1_6 demand_rg1_pr2_6 1 balance_pl2_pr2_6 -1
 ship_pl2_pr2_rg2_1 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr2_rg2_1 demand_rg2_pr2_1 1 balance_pl2_pr2_1 -1
 ship_pl2_pr2_rg2_2 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr2_rg2_2 demand_rg2_pr2_2 1 balance_pl2_pr2_2 -1
 ship_pl2_pr2_rg2_3 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr2_rg2_3 demand_rg2_pr2_3 1 balance_pl2_pr2_3 -1
 ship_pl2_pr2_rg2_4 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr2_rg2_4 demand_rg2_pr2_4 1 balance_pl2_pr2_4 -1
 ship_pl2_pr2_rg2_5 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr2_rg2_5 demand_rg2_pr2_5 1 balance_pl2_pr2_5 -1
 ship_pl2_pr2_rg2_6 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr2_rg2_6 demand_rg2_pr2_6 1 balance_pl2_pr2_6 -1
 ship_pl2_pr2_rg3_1 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr2_rg3_1 demand_rg3_pr2_1 1 balance_pl2_pr2_1 -1
 ship_pl2_pr2_rg3_2 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr2_rg3_2 demand_rg3_pr2_2 1 balance_pl2_pr2_2 -1
 ship_pl2_pr2_rg3_3 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr2_rg3_3 demand_rg3_pr2_3 1 balance_pl2_pr2_3 -1
 ship_pl2_pr2_rg3_4 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr2_rg3_4 demand_rg3_pr2_4 1 balance_pl2_pr2_4 -1
 ship_pl2_pr2_rg3_5 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr2_rg3_5 demand_rg3_pr2_5 1 balance_pl2_pr2_5 -1
 ship_pl2_pr2_rg3_6 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr2_rg3_6 demand_rg3_pr2_6 1 balance_pl2_pr2_6 -1
 ship_pl2_pr3_rg1_1 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr3_rg1_1 demand_rg1_pr3_1 1 balance_pl2_pr3_1 -1
 ship_pl2_pr3_rg1_2 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr3_rg1_2 demand_rg1_pr3_2 1 balance_pl2_pr3_2 -1
 ship_pl2_pr3_rg1_3 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr3_rg1_3 demand_rg1_pr3_3 1 balance_pl2_pr3_3 -1
 ship_pl2_pr3_rg1_4 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr3_rg1_4 demand_rg1_pr3_4 1 balance_pl2_pr3_4 -1
 ship_pl2_pr3_rg1_5 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr3_rg1_5 demand_rg1_pr3_5 1 balance_pl2_pr3_5 -1
 ship_pl2_pr3_rg1_6 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr3_rg1_6 demand_rg1_pr3_6 1 balance_pl2_pr3_6 -1
 ship_pl2_pr3_rg2_1 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr3_rg2_1 demand_rg2_pr3_1 1 balance_pl2_pr3_1 -1
 ship_pl2_pr3_rg2_2 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr3_rg2_2 demand_rg2_pr3_2 1 balance_pl2_pr3_2 -1
 ship_pl2_pr3_rg2_3 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr3_rg2_3 demand_rg2_pr3_3 1 balance_pl2_pr3_3 -1
 ship_pl2_pr3_rg2_4 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr3_rg2_4 demand_rg2_pr3_4 1 balance_pl2_pr3_4 -1
 ship_pl2_pr3_rg2_5 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr3_rg2_5 demand_rg2_pr3_5 1 balance_pl2_pr3_5 -1
 ship_pl2_pr3_rg2_6 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr3_rg2_6 demand_rg2_pr3_6 1 balance_pl2_pr3_6 -1
 ship_pl2_pr3_rg3_1 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr3_rg3_1 demand_rg3_pr3_1 1 balance_pl2_pr3_1 -1
 ship_pl2_pr3_rg3_2 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr3_rg3_2 demand_rg3_pr3_2 1 balance_pl2_pr3_2 -1
 ship_pl2_pr3_rg3_3 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr3_rg3_3 demand_rg3_pr3_3 1 balance_pl2_pr3_3 -1
 ship_pl2_pr3_rg3_4 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr3_rg3_4 demand_rg3_pr3_4 1 balance_pl2_pr3_4 -1
 ship_pl2_pr3_rg3_5 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr3_rg3_5 demand_rg3_pr3_5 1 balance_pl2_pr3_5 -1
 ship_pl2_pr3_rg3_6 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr3_rg3_6 demand_rg3_pr3_6 1 balance_pl2_pr3_6 -1
 ship_pl2_pr4_rg1_1 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr4_rg1_1 demand_rg1_pr4_1 1 balance_pl2_pr4_1 -1
 ship_pl2_pr4_rg1_2 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr4_rg1_2 demand_rg1_pr4_2 1 balance_pl2_pr4_2 -1
 ship_pl2_pr4_rg1_3 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr4_rg1_3 demand_rg1_pr4_3 1 balance_pl2_pr4_3 -1
 ship_pl2_pr4_rg1_4 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr4_rg1_4 demand_rg1_pr4_4 1 balance_pl2_pr4_4 -1
 ship_pl2_pr4_rg1_5 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr4_rg1_5 demand_rg1_pr4_5 1 balance_pl2_pr4_5 -1
 ship_pl2_pr4_rg1_6 R0000000 3.3107 emissions_def 0.0413841
 ship_pl2_pr4_rg1_6 demand_rg1_pr4_6 1 balance_pl2_pr4_6 -1
 ship_pl2_pr4_rg2_1 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr4_rg2_1 demand_rg2_pr4_1 1 balance_pl2_pr4_1 -1
 ship_pl2_pr4_rg2_2 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr4_rg2_2 demand_rg2_pr4_2 1 balance_pl2_pr4_2 -1
 ship_pl2_pr4_rg2_3 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr4_rg2_3 demand_rg2_pr4_3 1 balance_pl2_pr4_3 -1
 ship_pl2_pr4_rg2_4 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr4_rg2_4 demand_rg2_pr4_4 1 balance_pl2_pr4_4 -1
 ship_pl2_pr4_rg2_5 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr4_rg2_5 demand_rg2_pr4_5 1 balance_pl2_pr4_5 -1
 ship_pl2_pr4_rg2_6 R0000000 1.3232 emissions_def 0.0165395
 ship_pl2_pr4_rg2_6 demand_rg2_pr4_6 1 balance_pl2_pr4_6 -1
 ship_pl2_pr4_rg3_1 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr4_rg3_1 demand_rg3_pr4_1 1 balance_pl2_pr4_1 -1
 ship_pl2_pr4_rg3_2 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr4_rg3_2 demand_rg3_pr4_2 1 balance_pl2_pr4_2 -1
 ship_pl2_pr4_rg3_3 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr4_rg3_3 demand_rg3_pr4_3 1 balance_pl2_pr4_3 -1
 ship_pl2_pr4_rg3_4 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr4_rg3_4 demand_rg3_pr4_4 1 balance_pl2_pr4_4 -1
 ship_pl2_pr4_rg3_5 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr4_rg3_5 demand_rg3_pr4_5 1 balance_pl2_pr4_5 -1
 ship_pl2_pr4_rg3_6 R0000000 1.6697 emissions_def 0.0208717
 ship_pl2_pr4_rg3_6 demand_rg3_pr4_6 1 balance_pl2_pr4_6 -1
 ship_pl3_pr1_rg1_1 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr1_rg1_1 demand_rg1_pr1_1 1 balance_pl3_pr1_1 -1
 ship_pl3_pr1_rg1_2 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr1_rg1_2 demand_rg1_pr1_2 1 balance_pl3_pr1_2 -1
 ship_pl3_pr1_rg1_3 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr1_rg1_3 demand_rg1_pr1_3 1 balance_pl3_pr1_3 -1
 ship_pl3_pr1_rg1_4 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr1_rg1_4 demand_rg1_pr1_4 1 balance_pl3_pr1_4 -1
 ship_pl3_pr1_rg1_5 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr1_rg1_5 demand_rg1_pr1_5 1 balance_pl3_pr1_5 -1
 ship_pl3_pr1_rg1_6 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr1_rg1_6 demand_rg1_pr1_6 1 balance_pl3_pr1_6 -1
 ship_pl3_pr1_rg2_1 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr1_rg2_1 demand_rg2_pr1_1 1 balance_pl3_pr1_1 -1
 ship_pl3_pr1_rg2_2 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr1_rg2_2 demand_rg2_pr1_2 1 balance_pl3_pr1_2 -1
 ship_pl3_pr1_rg2_3 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr1_rg2_3 demand_rg2_pr1_3 1 balance_pl3_pr1_3 -1
 ship_pl3_pr1_rg2_4 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr1_rg2_4 demand_rg2_pr1_4 1 balance_pl3_pr1_4 -1
 ship_pl3_pr1_rg2_5 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr1_rg2_5 demand_rg2_pr1_5 1 balance_pl3_pr1_5 -1
 ship_pl3_pr1_rg2_6 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr1_rg2_6 demand_rg2_pr1_6 1 balance_pl3_pr1_6 -1
 ship_pl3_pr1_rg3_1 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr1_rg3_1 demand_rg3_pr1_1 1 balance_pl3_pr1_1 -1
 ship_pl3_pr1_rg3_2 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr1_rg3_2 demand_rg3_pr1_2 1 balance_pl3_pr1_2 -1
 ship_pl3_pr1_rg3_3 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr1_rg3_3 demand_rg3_pr1_3 1 balance_pl3_pr1_3 -1
 ship_pl3_pr1_rg3_4 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr1_rg3_4 demand_rg3_pr1_4 1 balance_pl3_pr1_4 -1
 ship_pl3_pr1_rg3_5 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr1_rg3_5 demand_rg3_pr1_5 1 balance_pl3_pr1_5 -1
 ship_pl3_pr1_rg3_6 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr1_rg3_6 demand_rg3_pr1_6 1 balance_pl3_pr1_6 -1
 ship_pl3_pr2_rg1_1 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr2_rg1_1 demand_rg1_pr2_1 1 balance_pl3_pr2_1 -1
 ship_pl3_pr2_rg1_2 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr2_rg1_2 demand_rg1_pr2_2 1 balance_pl3_pr2_2 -1
 ship_pl3_pr2_rg1_3 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr2_rg1_3 demand_rg1_pr2_3 1 balance_pl3_pr2_3 -1
 ship_pl3_pr2_rg1_4 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr2_rg1_4 demand_rg1_pr2_4 1 balance_pl3_pr2_4 -1
 ship_pl3_pr2_rg1_5 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr2_rg1_5 demand_rg1_pr2_5 1 balance_pl3_pr2_5 -1
 ship_pl3_pr2_rg1_6 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr2_rg1_6 demand_rg1_pr2_6 1 balance_pl3_pr2_6 -1
 ship_pl3_pr2_rg2_1 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr2_rg2_1 demand_rg2_pr2_1 1 balance_pl3_pr2_1 -1
 ship_pl3_pr2_rg2_2 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr2_rg2_2 demand_rg2_pr2_2 1 balance_pl3_pr2_2 -1
 ship_pl3_pr2_rg2_3 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr2_rg2_3 demand_rg2_pr2_3 1 balance_pl3_pr2_3 -1
 ship_pl3_pr2_rg2_4 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr2_rg2_4 demand_rg2_pr2_4 1 balance_pl3_pr2_4 -1
 ship_pl3_pr2_rg2_5 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr2_rg2_5 demand_rg2_pr2_5 1 balance_pl3_pr2_5 -1
 ship_pl3_pr2_rg2_6 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr2_rg2_6 demand_rg2_pr2_6 1 balance_pl3_pr2_6 -1
 ship_pl3_pr2_rg3_1 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr2_rg3_1 demand_rg3_pr2_1 1 balance_pl3_pr2_1 -1
 ship_pl3_pr2_rg3_2 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr2_rg3_2 demand_rg3_pr2_2 1 balance_pl3_pr2_2 -1
 ship_pl3_pr2_rg3_3 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr2_rg3_3 demand_rg3_pr2_3 1 balance_pl3_pr2_3 -1
 ship_pl3_pr2_rg3_4 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr2_rg3_4 demand_rg3_pr2_4 1 balance_pl3_pr2_4 -1
 ship_pl3_pr2_rg3_5 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr2_rg3_5 demand_rg3_pr2_5 1 balance_pl3_pr2_5 -1
 ship_pl3_pr2_rg3_6 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr2_rg3_6 demand_rg3_pr2_6 1 balance_pl3_pr2_6 -1
 ship_pl3_pr3_rg1_1 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr3_rg1_1 demand_rg1_pr3_1 1 balance_pl3_pr3_1 -1
 ship_pl3_pr3_rg1_2 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr3_rg1_2 demand_rg1_pr3_2 1 balance_pl3_pr3_2 -1
 ship_pl3_pr3_rg1_3 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr3_rg1_3 demand_rg1_pr3_3 1 balance_pl3_pr3_3 -1
 ship_pl3_pr3_rg1_4 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr3_rg1_4 demand_rg1_pr3_4 1 balance_pl3_pr3_4 -1
 ship_pl3_pr3_rg1_5 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr3_rg1_5 demand_rg1_pr3_5 1 balance_pl3_pr3_5 -1
 ship_pl3_pr3_rg1_6 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr3_rg1_6 demand_rg1_pr3_6 1 balance_pl3_pr3_6 -1
 ship_pl3_pr3_rg2_1 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr3_rg2_1 demand_rg2_pr3_1 1 balance_pl3_pr3_1 -1
 ship_pl3_pr3_rg2_2 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr3_rg2_2 demand_rg2_pr3_2 1 balance_pl3_pr3_2 -1
 ship_pl3_pr3_rg2_3 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr3_rg2_3 demand_rg2_pr3_3 1 balance_pl3_pr3_3 -1
 ship_pl3_pr3_rg2_4 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr3_rg2_4 demand_rg2_pr3_4 1 balance_pl3_pr3_4 -1
 ship_pl3_pr3_rg2_5 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr3_rg2_5 demand_rg2_pr3_5 1 balance_pl3_pr3_5 -1
 ship_pl3_pr3_rg2_6 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr3_rg2_6 demand_rg2_pr3_6 1 balance_pl3_pr3_6 -1
 ship_pl3_pr3_rg3_1 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr3_rg3_1 demand_rg3_pr3_1 1 balance_pl3_pr3_1 -1
 ship_pl3_pr3_rg3_2 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr3_rg3_2 demand_rg3_pr3_2 1 balance_pl3_pr3_2 -1
 ship_pl3_pr3_rg3_3 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr3_rg3_3 demand_rg3_pr3_3 1 balance_pl3_pr3_3 -1
 ship_pl3_pr3_rg3_4 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr3_rg3_4 demand_rg3_pr3_4 1 balance_pl3_pr3_4 -1
 ship_pl3_pr3_rg3_5 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr3_rg3_5 demand_rg3_pr3_5 1 balance_pl3_pr3_5 -1
 ship_pl3_pr3_rg3_6 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr3_rg3_6 demand_rg3_pr3_6 1 balance_pl3_pr3_6 -1
 ship_pl3_pr4_rg1_1 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr4_rg1_1 demand_rg1_pr4_1 1 balance_pl3_pr4_1 -1
 ship_pl3_pr4_rg1_2 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr4_rg1_2 demand_rg1_pr4_2 1 balance_pl3_pr4_2 -1
 ship_pl3_pr4_rg1_3 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr4_rg1_3 demand_rg1_pr4_3 1 balance_pl3_pr4_3 -1
 ship_pl3_pr4_rg1_4 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr4_rg1_4 demand_rg1_pr4_4 1 balance_pl3_pr4_4 -1
 ship_pl3_pr4_rg1_5 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr4_rg1_5 demand_rg1_pr4_5 1 balance_pl3_pr4_5 -1
 ship_pl3_pr4_rg1_6 R0000000 0.2234 emissions_def 0.00279285
 ship_pl3_pr4_rg1_6 demand_rg1_pr4_6 1 balance_pl3_pr4_6 -1
 ship_pl3_pr4_rg2_1 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr4_rg2_1 demand_rg2_pr4_1 1 balance_pl3_pr4_1 -1
 ship_pl3_pr4_rg2_2 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr4_rg2_2 demand_rg2_pr4_2 1 balance_pl3_pr4_2 -1
 ship_pl3_pr4_rg2_3 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr4_rg2_3 demand_rg2_pr4_3 1 balance_pl3_pr4_3 -1
 ship_pl3_pr4_rg2_4 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr4_rg2_4 demand_rg2_pr4_4 1 balance_pl3_pr4_4 -1
 ship_pl3_pr4_rg2_5 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr4_rg2_5 demand_rg2_pr4_5 1 balance_pl3_pr4_5 -1
 ship_pl3_pr4_rg2_6 R0000000 0.7034 emissions_def 0.00879204
 ship_pl3_pr4_rg2_6 demand_rg2_pr4_6 1 balance_pl3_pr4_6 -1
 ship_pl3_pr4_rg3_1 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr4_rg3_1 demand_rg3_pr4_1 1 balance_pl3_pr4_1 -1
 ship_pl3_pr4_rg3_2 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr4_rg3_2 demand_rg3_pr4_2 1 balance_pl3_pr4_2 -1
 ship_pl3_pr4_rg3_3 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr4_rg3_3 demand_rg3_pr4_3 1 balance_pl3_pr4_3 -1
 ship_pl3_pr4_rg3_4 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr4_rg3_4 demand_rg3_pr4_4 1 balance_pl3_pr4_4 -1
 ship_pl3_pr4_rg3_5 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr4_rg3_5 demand_rg3_pr4_5 1 balance_pl3_pr4_5 -1
 ship_pl3_pr4_rg3_6 R0000000 2.9152 emissions_def 0.0364402
 ship_pl3_pr4_rg3_6 demand_rg3_pr4_6 1 balance_pl3_pr4_6 -1
 backlog_rg1_pr1_1 R0000000 38.137 demand_rg1_pr1_2 -1
 backlog_rg1_pr1_1 demand_rg1_pr1_1 1
 backlog_rg1_pr1_2 R0000000 38.137 demand_rg1_pr1_3 -1
 backlog_rg1_pr1_2 demand_rg1_pr1_2 1
 backlog_rg1_pr1_3 R0000000 38.137 demand_rg1_pr1_4 -1
 backlog_rg1_pr1_3 demand_rg1_pr1_3 1
 backlog_rg1_pr1_4 R0000000 38.137 demand_rg1_pr1_5 -1
 backlog_rg1_pr1_4 demand_rg1_pr1_4 1
 backlog_rg1_pr1_5 R0000000 38.137 demand_rg1_pr1_6 -1
 backlog_rg1_pr1_5 demand_rg1_pr1_5 1
 backlog_rg1_pr1_6 R0000000 38.137 demand_rg1_pr1_6 1
 backlog_rg2_pr1_1 R0000000 38.137 demand_rg2_pr1_2 -1
 backlog_rg2_pr1_1 demand_rg2_pr1_1 1
 backlog_rg2_pr1_2 R0000000 38.137 demand_rg2_pr1_3 -1
 backlog_rg2_pr1_2 demand_rg2_pr1_2 1
 backlog_rg2_pr1_3 R0000000 38.137 demand_rg2_pr1_4 -1
 backlog_rg2_pr1_3 demand_rg2_pr1_3 1
 backlog_rg2_pr1_4 R0000000 38.137 demand_rg2_pr1_5 -1
 backlog_rg2_pr1_4 demand_rg2_pr1_4 1
 backlog_rg2_pr1_5 R0000000 38.137 demand_rg2_pr1_6 -1
 backlog_rg2_pr1_5 demand_rg2_pr1_5 1
 backlog_rg2_pr1_6 R0000000 38.137 demand_rg2_pr1_6 1
 backlog_rg3_pr1_1 R0000000 38.137 demand_rg3_pr1_2 -1
 backlog_rg3_pr1_1 demand_rg3_pr1_1 1
 backlog_rg3_pr1_2 R0000000 38.137 demand_rg3_pr1_3 -1
 backlog_rg3_pr1_2 demand_rg3_pr1_2 1
 backlog_rg3_pr1_3 R0000000 38.137 demand_rg3_pr1_4 -1
 backlog_rg3_pr1_3 demand_rg3_pr1_3 1
 backlog_rg3_pr1_4 R0000000 38.137 demand_rg3_pr1_5 -1
 backlog_rg3_pr1_4 demand_rg3_pr1_4 1
 backlog_rg3_pr1_5 R0000000 38.137 demand_rg3_pr1_6 -1
 backlog_rg3_pr1_5 demand_rg3_pr1_5 1
 backlog_rg3_pr1_6 R0000000 38.137 demand_rg3_pr1_6 1
 backlog_rg1_pr2_1 R0000000 13.5578 demand_rg1_pr2_2 -1
 backlog_rg1_pr2_1 demand_rg1_pr2_1 1
 backlog_rg1_pr2_2 R0000000 13.5578 demand_rg1_pr2_3 -1
 backlog_rg1_pr2_2 demand_rg1_pr2_2 1
 backlog_rg1_pr2_3 R0000000 13.5578 demand_rg1_pr2_4 -1
 backlog_rg1_pr2_3 demand_rg1_pr2_3 1
 backlog_rg1_pr2_4 R0000000 13.5578 demand_rg1_pr2_5 -1
 backlog_rg1_pr2_4 demand_rg1_pr2_4 1
 backlog_rg1_pr2_5 R0000000 13.5578 demand_rg1_pr2_6 -1
 backlog_rg1_pr2_5 demand_rg1_pr2_5 1
 backlog_rg1_pr2_6 R0000000 13.5578 demand_rg1_pr2_6 1
 backlog_rg2_pr2_1 R0000000 13.5578 demand_rg2_pr2_2 -1
 backlog_rg2_pr2_1 demand_rg2_pr2_1 1
 backlog_rg2_pr2_2 R0000000 13.5578 demand_rg2_pr2_3 -1
 backlog_rg2_pr2_2 demand_rg2_pr2_2 1
 backlog_rg2_pr2_3 R0000000 13.5578 demand_rg2_pr2_4 -1
 backlog_rg2_pr2_3 demand_rg2_pr2_3 1
 backlog_rg2_pr2_4 R0000000 13.5578 demand_rg2_pr2_5 -1
 backlog_rg2_pr2_4 demand_rg2_pr2_4 1
 backlog_rg2_pr2_5 R0000000 13.5578 demand_rg2_pr2_6 -1
 backlog_rg2_pr2_5 demand_rg2_pr2_5 1
 backlog_rg2_pr2_6 R0000000 13.5578 demand_rg2_pr2_6 1
 backlog_rg3_pr2_1 R0000000 13.5578 demand_rg3_pr2_2 -1
 backlog_rg3_pr2_1 demand_rg3_pr2_1 1
 backlog_rg3_pr2_2 R0000000 13.5578 demand_rg3_pr2_3 -1
 backlog_rg3_pr2_2 demand_rg3_pr2_2 1
 backlog_rg3_pr2_3 R0000000 13.5578 demand_rg3_pr2_4 -1
 backlog_rg3_pr2_3 demand_rg3_pr2_3 1
 backlog_rg3_pr2_4 R0000000 13.5578 demand_rg3_pr2_5 -1
 backlog_rg3_pr2_4 demand_rg3_pr2_4 1
 backlog_rg3_pr2_5 R0000000 13.5578 demand_rg3_pr2_6 -1
 backlog_rg3_pr2_5 demand_rg3_pr2_5 1
 backlog_rg3_pr2_6 R0000000 13.5578 demand_rg3_pr2_6 1
 backlog_rg1_pr3_1 R0000000 22.9637 demand_rg1_pr3_2 -1
 backlog_rg1_pr3_1 demand_rg1_pr3_1 1
 backlog_rg1_pr3_2 R0000000 22.9637 demand_rg1_pr3_3 -1
 backlog_rg1_pr3_2 demand_rg1_pr3_2 1
 backlog_rg1_pr3_3 R0000000 22.9637 demand_rg1_pr3_4 -1
 backlog_rg1_pr3_3 demand_rg1_pr3_3 1
 backlog_rg1_pr3_4 R0000000 22.9637 demand_rg1_pr3_5 -1
 backlog_rg1_pr3_4 demand_rg1_pr3_4 1
 backlog_rg1_pr3_5 R0000000 22.9637 demand_rg1_pr3_6 -1
 backlog_rg1_pr3_5 demand_rg1_pr3_5 1
 backlog_rg1_pr3_6 R0000000 22.9637 demand_rg1_pr3_6 1
 backlog_rg2_pr3_1 R0000000 22.9637 demand_rg2_pr3_2 -1
 backlog_rg2_pr3_1 demand_rg2_pr3_1 1
 backlog_rg2_pr3_2 R0000000 22.9637 demand_rg2_pr3_3 -1
 backlog_rg2_pr3_2 demand_rg2_pr3_2 1
 backlog_rg2_pr3_3 R0000000 22.9637 demand_rg2_pr3_4 -1
 backlog_rg2_pr3_3 demand_rg2_pr3_3 1
 backlog_rg2_pr3_4 R0000000 22.9637 demand_rg2_pr3_5 -1
 backlog_rg2_pr3_4 demand_rg2_pr3_4 1
 backlog_rg2_pr3_5 R0000000 22.9637 demand_rg2_pr3_6 -1
 backlog_rg2_pr3_5 demand_rg2_pr3_5 1
 backlog_rg2_pr3_6 R0000000 22.9637 demand_rg2_pr3_6 1
 backlog_rg3_pr3_1 R0000000 22.9637 demand_rg3_pr3_2 -1
 backlog_rg3_pr3_1 demand_rg3_pr3_1 1
 backlog_rg3_pr3_2 R0000000 22.9637 demand_rg3_pr3_3 -1
 backlog_rg3_pr3_2 demand_rg3_pr3_2 1
 backlog_rg3_pr3_3 R0000000 22.9637 demand_rg3_pr3_4 -1
 backlog_rg3_pr3_3 demand_rg3_pr3_3 1
 backlog_rg3_pr3_4 R0000000 22.9637 demand_rg3_pr3_5 -1
 backlog_rg3_pr3_4 demand_rg3_pr3_4 1
 backlog_rg3_pr3_5 R0000000 22.9637 demand_rg3_pr3_6 -1
 backlog_rg3_pr3_5 demand_rg3_pr3_5 1
 backlog_rg3_pr3_6 R0000000 22.9637 demand_rg3_pr3_6 1
 backlog_rg1_pr4_1 R0000000 21.1532 demand_rg1_pr4_2 -1
 backlog_rg1_pr4_1 demand_rg1_pr4_1 1
 backlog_rg1_pr4_2 R0000000 21.1532 demand_rg1_pr4_3 -1
 backlog_rg1_pr4_2 demand_rg1_pr4_2 1
 backlog_rg1_pr4_3 R0000000 21.1532 demand_rg1_pr4_4 -1
 backlog_rg1_pr4_3 demand_rg1_pr4_3 1
 backlog_rg1_pr4_4 R0000000 21.1532 demand_rg1_pr4_5 -1
 backlog_rg1_pr4_4 demand_rg1_pr4_4 1
 backlog_rg1_pr4_5 R0000000 21.1532 demand_rg1_pr4_6 -1
 backlog_rg1_pr4_5 demand_rg1_pr4_5 1
 backlog_rg1_pr4_6 R0000000 21.1532 demand_rg1_pr4_6 1
 backlog_rg2_pr4_1 R0000000 21.1532 demand_rg2_pr4_2 -1
 backlog_rg2_pr4_1 demand_rg2_pr4_1 1
 backlog_rg2_pr4_2 R0000000 21.1532 demand_rg2_pr4_3 -1
 backlog_rg2_pr4_2 demand_rg2_pr4_2 1
 backlog_rg2_pr4_3 R0000000 21.1532 demand_rg2_pr4_4 -1
 backlog_rg2_pr4_3 demand_rg2_pr4_3 1
 backlog_rg2_pr4_4 R0000000 21.1532 demand_rg2_pr4_5 -1
 backlog_rg2_pr4_4 demand_rg2_pr4_4 1
 backlog_rg2_pr4_5 R0000000 21.1532 demand_rg2_pr4_6 -1
 backlog_rg2_pr4_5 demand_rg2_pr4_5 1
 backlog_rg2_pr4_6 R0000000 21.1532 demand_rg2_pr4_6 1
 backlog_rg3_pr4_1 R0000000 21.1532 demand_rg3_pr4_2 -1
 backlog_rg3_pr4_1 demand_rg3_pr4_1 1
 backlog_rg3_pr4_2 R0000000 21.1532 demand_rg3_pr4_3 -1
 backlog_rg3_pr4_2 demand_rg3_pr4_2 1
 backlog_rg3_pr4_3 R0000000 21.1532 demand_rg3_pr4_4 -1
 backlog_rg3_pr4_3 demand_rg3_pr4_3 1
 backlog_rg3_pr4_4 R0000000 21.1532 demand_rg3_pr4_5 -1
 backlog_rg3_pr4_4 demand_rg3_pr4_4 1
 backlog_rg3_pr4_5 R0000000 21.1532 demand_rg3_pr4_6 -1
 backlog_rg3_pr4_5 demand_rg3_pr4_5 1
 backlog_rg3_pr4_6 R0000000 21.1532 demand_rg3_pr4_6 1
 energy_1 R0000000 0.2142 energy_total 1
 energy_1 energy_def_1 -1
 energy_2 R0000000 0.1134 energy_total 1
 energy_2 energy_def_2 -1
 energy_3 R0000000 0.1786 energy_total 1
 energy_3 energy_def_3 -1
 energy_4 R0000000 0.2413 energy_total 1
 energy_4 energy_def_4 -1
 energy_5 R0000000 0.1441 energy_total 1
 energy_5 energy_def_5 -1
 energy_6 R0000000 0.2917 energy_total 1
 energy_6 energy_def_6 -1
 energy energy_total -1
 emissions R0000000 50 emissions_def -1
RHS
 RHS1 cap_pl1_1 627.94442249 cap_pl1_2 627.94442249
 RHS1 cap_pl1_3 627.94442249 cap_pl1_4 627.94442249
 RHS1 cap_pl1_5 627.94442249 cap_pl1_6 627.94442249
 RHS1 cap_pl2_1 991.86149365 cap_pl2_2 991.86149365
 RHS1 cap_pl2_3 991.86149365 cap_pl2_4 991.86149365
 RHS1 cap_pl2_5 991.86149365 cap_pl2_6 991.86149365
 RHS1 cap_pl3_1 887.46212834 cap_pl3_2 887.46212834
 RHS1 cap_pl3_3 887.46212834 cap_pl3_4 887.46212834
 RHS1 cap_pl3_5 887.46212834 cap_pl3_6 887.46212834
 RHS1 overtime_pl1_1 125.5888845 overtime_pl1_2 125.5888845
 RHS1 overtime_pl1_3 125.5888845 overtime_pl1_4 125.5888845
 RHS1 overtime_pl1_5 125.5888845 overtime_pl1_6 125.5888845
 RHS1 overtime_pl2_1 198.37229873 overtime_pl2_2 198.37229873
 RHS1 overtime_pl2_3 198.37229873 overtime_pl2_4 198.37229873
 RHS1 overtime_pl2_5 198.37229873 overtime_pl2_6 198.37229873
 RHS1 overtime_pl3_1 177.49242567 overtime_pl3_2 177.49242567
 RHS1 overtime_pl3_3 177.49242567 overtime_pl3_4 177.49242567
 RHS1 overtime_pl3_5 177.49242567 overtime_pl3_6 177.49242567
 RHS1 storage_pl1_1 445.90524568 storage_pl1_2 445.90524568
 RHS1 storage_pl1_3 445.90524568 storage_pl1_4 445.90524568
 RHS1 storage_pl1_5 445.90524568 storage_pl1_6 445.90524568
 RHS1 storage_pl2_1 622.49603138 storage_pl2_2 622.49603138
 RHS1 storage_pl2_3 622.49603138 storage_pl2_4 622.49603138
 RHS1 storage_pl2_5 622.49603138 storage_pl2_6 622.49603138
 RHS1 storage_pl3_1 823.23408924 storage_pl3_2 823.23408924
 RHS1 storage_pl3_3 823.23408924 storage_pl3_4 823.23408924
 RHS1 storage_pl3_5 823.23408924 storage_pl3_6 823.23408924
 RHS1 demand_rg1_pr1_1 132.19 demand_rg1_pr1_2 148.35
 RHS1 demand_rg1_pr1_3 159.35 demand_rg1_pr1_4 189.52
 RHS1 demand_rg1_pr1_5 177.41 demand_rg1_pr1_6 249.37
 RHS1 demand_rg2_pr1_1 141.33 demand_rg2_pr1_2 137.8
 RHS1 demand_rg2_pr1_3 149.3 demand_rg2_pr1_4 106.6
 RHS1 demand_rg2_pr1_5 85.73 demand_rg2_pr1_6 86.46
 RHS1 demand_rg3_pr1_1 326.51 demand_rg3_pr1_2 324.09
 RHS1 demand_rg3_pr1_3 235.13 demand_rg3_pr1_4 229.6
 RHS1 demand_rg3_pr1_5 207.53 demand_rg3_pr1_6 183.21
 RHS1 demand_rg1_pr2_1 120.99 demand_rg1_pr2_2 98.2
 RHS1 demand_rg1_pr2_3 91.02 demand_rg1_pr2_4 82.78
 RHS1 demand_rg1_pr2_5 86.48 demand_rg1_pr2_6 107.38
 RHS1 demand_rg2_pr2_1 271.81 demand_rg2_pr2_2 219.55
 RHS1 demand_rg2_pr2_3 200.61 demand_rg2_pr2_4 172.73
 RHS1 demand_rg2_pr2_5 142.27 demand_rg2_pr2_6 183.97
 RHS1 demand_rg3_pr2_1 110.16 demand_rg3_pr2_2 88.72
 RHS1 demand_rg3_pr2_3 143.7 demand_rg3_pr2_4 148.72
 RHS1 demand_rg3_pr2_5 196.21 demand_rg3_pr2_6 177.81
 RHS1 demand_rg1_pr3_1 131.95 demand_rg1_pr3_2 102.01
 RHS1 demand_rg1_pr3_3 95.88 demand_rg1_pr3_4 92.45
 RHS1 demand_rg1_pr3_5 74.2 demand_rg1_pr3_6 75.32
 RHS1 demand_rg2_pr3_1 102.84 demand_rg2_pr3_2 108.12
 RHS1 demand_rg2_pr3_3 107.08 demand_rg2_pr3_4 145.12
 RHS1 demand_rg2_pr3_5 134.62 demand_rg2_pr3_6 128.13
 RHS1 demand_rg3_pr3_1 183.05 demand_rg3_pr3_2 156.98
 RHS1 demand_rg3_pr3_3 145.32 demand_rg3_pr3_4 135.11
 RHS1 demand_rg3_pr3_5 121.44 demand_rg3_pr3_6 137.58
 RHS1 demand_rg1_pr4_1 242.78 demand_rg1_pr4_2 195.55
 RHS1 demand_rg1_pr4_3 153.29 demand_rg1_pr4_4 147.9
 RHS1 demand_rg1_pr4_5 182.38 demand_rg1_pr4_6 176.34
 RHS1 demand_rg2_pr4_1 119.66 demand_rg2_pr4_2 102.66
 RHS1 demand_rg2_pr4_3 100.62 demand_rg2_pr4_4 68.24
 RHS1 demand_rg2_pr4_5 64.99 demand_rg2_pr4_6 64.07
 RHS1 demand_rg3_pr4_1 108.95 demand_rg3_pr4_2 111.93
 RHS1 demand_rg3_pr4_3 136.36 demand_rg3_pr4_4 119.67
 RHS1 demand_rg3_pr4_5 152.33 demand_rg3_pr4_6 200.2
BOUNDS
 UP BND1 backlog_rg1_pr1_6 52.81
 UP BND1 backlog_rg2_pr1_6 35.36
 UP BND1 backlog_rg3_pr1_6 75.3
 UP BND1 backlog_rg1_pr2_6 29.34
 UP BND1 backlog_rg2_pr2_6 59.55
 UP BND1 backlog_rg3_pr2_6 43.27
 UP BND1 backlog_rg1_pr3_6 28.59
 UP BND1 backlog_rg2_pr3_6 36.3
 UP BND1 backlog_rg3_pr3_6 43.97
 UP BND1 backlog_rg1_pr4_6 54.91
 UP BND1 backlog_rg2_pr4_6 26.01
 UP BND1 backlog_rg3_pr4_6 41.47
ENDATA
